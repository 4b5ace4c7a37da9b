package io.pgclone.core.catalog;

import io.pgclone.core.sql.QualifiedName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads table definitions from the source catalog. Call inside the clone's snapshot transaction; it sets
 * {@code search_path = pg_catalog} for the transaction so that every type and expression comes out qualified.
 */
public final class CatalogReader {
    private final Connection conn;
    private final Map<Long, TypeInfo> types = new HashMap<>();

    private record TypeInfo(String name, String namespace, char typtype, char category, long baseType, int baseTypmod,
                            long elementType) {
    }

    public CatalogReader(Connection conn) throws SQLException {
        this.conn = conn;
        try (Statement st = conn.createStatement()) {
            st.execute("SET LOCAL search_path = pg_catalog");
        }
    }

    /** The tables named, in the order given; a table that does not exist (or is not a table) is an error. */
    public List<TableDef> tables(List<QualifiedName> names) throws SQLException {
        List<TableDef> out = new ArrayList<>();
        for (QualifiedName n : names) {
            long oid = tableOid(n);
            if (oid == 0) {
                throw new MissingTableException(n);
            }
            out.add(table(oid));
        }
        return out;
    }

    /** Thrown when a table named in the settings is not on the source. */
    public static final class MissingTableException extends SQLException {
        private final QualifiedName table;

        public MissingTableException(QualifiedName table) {
            super("table " + table + " does not exist on the source (or is not an ordinary table)");
            this.table = table;
        }

        public QualifiedName table() {
            return table;
        }
    }

    private long tableOid(QualifiedName n) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT c.oid FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace"
                        + " WHERE ns.nspname = ? AND c.relname = ? AND c.relkind IN ('r')")) {
            ps.setString(1, n.schema());
            ps.setString(2, n.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    public TableDef table(long oid) throws SQLException {
        QualifiedName name;
        long pages;
        long estimate;
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT ns.nspname, c.relname, pg_relation_size(c.oid) / current_setting('block_size')::int,"
                        + " c.reltuples::bigint FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace"
                        + " WHERE c.oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("table with OID " + oid + " vanished");
                }
                name = new QualifiedName(rs.getString(1), rs.getString(2));
                pages = rs.getLong(3);
                estimate = rs.getLong(4);
            }
        }
        return new TableDef(name, oid, columns(oid), primaryKey(oid), pages, estimate);
    }

    private List<ColumnDef> columns(long relid) throws SQLException {
        List<ColumnDef> cols = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT a.attname, a.atttypid, a.atttypmod, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                        + " pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text,"
                        + " CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN"
                        + "   (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co"
                        + "    JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END"
                        + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                        + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setLong(1, relid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ColumnType type = columnType(rs.getLong(2), rs.getInt(3), rs.getString(4));
                    cols.add(new ColumnDef(rs.getString(1), type, rs.getBoolean(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9)));
                }
            }
        }
        return cols;
    }

    private ColumnType columnType(long typeOid, int typmod, String formatted) throws SQLException {
        TypeInfo t = type(typeOid);
        int effectiveTypmod = typmod;
        while (t.typtype == 'd') { // domains: the value travels as its base type
            if (effectiveTypmod < 0) {
                effectiveTypmod = t.baseTypmod;
            }
            t = type(t.baseType);
        }
        String elementName = null;
        Character elementTyptype = null;
        if (t.category == 'A' && t.elementType != 0) {
            TypeInfo e = type(t.elementType);
            while (e.typtype == 'd') {
                e = type(e.baseType);
            }
            elementName = e.namespace.equals("pg_catalog") ? e.name : e.namespace + "." + e.name;
            elementTyptype = e.typtype;
        }
        return new ColumnType(formatted, t.name, t.namespace.equals("pg_catalog"), t.typtype, t.category,
                effectiveTypmod, elementName, elementTyptype);
    }

    private TypeInfo type(long oid) throws SQLException {
        TypeInfo cached = types.get(oid);
        if (cached != null) {
            return cached;
        }
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT t.typname, n.nspname, t.typtype, t.typcategory, t.typbasetype, t.typtypmod, t.typelem"
                        + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("type with OID " + oid + " not found");
                }
                TypeInfo t = new TypeInfo(rs.getString(1), rs.getString(2), rs.getString(3).charAt(0),
                        rs.getString(4).charAt(0), rs.getLong(5), rs.getInt(6), rs.getLong(7));
                types.put(oid, t);
                return t;
            }
        }
    }

    private TableDef.PrimaryKey primaryKey(long relid) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT c.conname, pg_get_constraintdef(c.oid),"
                        + " array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)"
                        + "       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord)"
                        + " FROM pg_constraint c WHERE c.conrelid = ? AND c.contype = 'p'")) {
            ps.setLong(1, relid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String[] cols = (String[]) rs.getArray(3).getArray();
                return new TableDef.PrimaryKey(rs.getString(1), List.of(cols), rs.getString(2));
            }
        }
    }
}
