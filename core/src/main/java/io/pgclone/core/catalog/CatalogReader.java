package io.pgclone.core.catalog;

import io.pgclone.core.protocol.CatalogObject;
import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.sql.QualifiedName;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the source catalog. Call inside the clone's snapshot transaction: it sets {@code search_path = pg_catalog}
 * for the transaction, so every type and expression the server deparses comes out schema-qualified.
 * {@link #read(Scope)} gathers every object of a scope (see docs/decisions/0003); {@link #tables(List)} just tables.
 */
public final class CatalogReader {
    static final String PG_CLASS = "pg_class";
    static final String PG_TYPE = "pg_type";
    static final String PG_PROC = "pg_proc";
    static final String PG_NAMESPACE = "pg_namespace";
    static final String PG_EXTENSION = "pg_extension";
    static final String PG_CONSTRAINT = "pg_constraint";
    static final String PG_COLLATION = "pg_collation";

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

    Connection connection() {
        return conn;
    }

    // ------------------------------------------------------------------ tables

    /** The tables named, in the order given; a table that does not exist (or is not a table) is an error. */
    public List<TableDef> tables(List<QualifiedName> names) throws SQLException {
        List<TableDef> out = new ArrayList<>();
        for (QualifiedName n : names) {
            long oid = relationOid(n, "'r', 'p'");
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
            super("table " + table + " does not exist on the source (or is not a table)");
            this.table = table;
        }

        public QualifiedName table() {
            return table;
        }
    }

    /** Thrown when a schema named in the settings is not on the source. */
    public static final class MissingSchemaException extends SQLException {
        public MissingSchemaException(String schema) {
            super("schema " + schema + " does not exist on the source");
        }
    }

    long relationOid(QualifiedName n, String kinds) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT c.oid FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace"
                        + " WHERE ns.nspname = ? AND c.relname = ? AND c.relkind IN (" + kinds + ")")) {
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
        boolean partitioned;
        boolean unlogged;
        List<String> options;
        String partitionBy;
        String bound;
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT ns.nspname, c.relname, pg_relation_size(c.oid) / current_setting('block_size')::int,"
                        + " c.reltuples::bigint, c.relkind = 'p', c.relpersistence = 'u', coalesce(c.reloptions, '{}'),"
                        + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
                        + " CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END"
                        + " FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE c.oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("table with OID " + oid + " vanished");
                }
                name = new QualifiedName(rs.getString(1), rs.getString(2));
                pages = rs.getLong(3);
                estimate = rs.getLong(4);
                partitioned = rs.getBoolean(5);
                unlogged = rs.getBoolean(6);
                options = List.of((String[]) rs.getArray(7).getArray());
                partitionBy = rs.getString(8);
                bound = rs.getString(9);
            }
        }
        QualifiedName partitionOf = null;
        List<QualifiedName> inherits = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT ns.nspname, p.relname, c.relispartition"
                + " FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace ns ON ns.oid = p.relnamespace"
                + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhrelid = ? ORDER BY i.inhseqno")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    QualifiedName parent = new QualifiedName(rs.getString(1), rs.getString(2));
                    if (rs.getBoolean(3)) {
                        partitionOf = parent;
                    } else {
                        inherits.add(parent);
                    }
                }
            }
        }
        return new TableDef(name, oid, columns(oid), primaryKey(oid), partitioned ? 0 : pages, estimate, partitioned,
                unlogged, options, partitionBy, partitionOf, bound, inherits);
    }

    private List<ColumnDef> columns(long relid) throws SQLException {
        List<ColumnDef> cols = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT a.attname, a.atttypid, a.atttypmod, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                        + " pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text,"
                        + " CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN"
                        + "   (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co"
                        + "    JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END,"
                        + " a.attislocal,"
                        + " CASE WHEN a.attidentity <> '' THEN (SELECT 'SEQUENCE NAME ' || quote_ident(sn.nspname) || '.'"
                        + "   || quote_ident(sc.relname) || ' START WITH ' || s.seqstart || ' INCREMENT BY ' || s.seqincrement"
                        + "   || ' MINVALUE ' || s.seqmin || ' MAXVALUE ' || s.seqmax || ' CACHE ' || s.seqcache"
                        + "   || CASE WHEN s.seqcycle THEN ' CYCLE' ELSE ' NO CYCLE' END"
                        + "   FROM pg_depend dp JOIN pg_class sc ON sc.oid = dp.objid JOIN pg_namespace sn ON sn.oid = sc.relnamespace"
                        + "   JOIN pg_sequence s ON s.seqrelid = sc.oid WHERE dp.refobjid = a.attrelid"
                        + "   AND dp.refobjsubid = a.attnum AND dp.classid = 'pg_class'::regclass AND dp.deptype = 'i'"
                        + "   AND sc.relkind = 'S' LIMIT 1) END"
                        + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                        + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setLong(1, relid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ColumnType type = columnType(rs.getLong(2), rs.getInt(3), rs.getString(4));
                    cols.add(new ColumnDef(rs.getString(1), type, rs.getBoolean(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getBoolean(10), rs.getString(11)));
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

    // ------------------------------------------------------------------ the whole catalog

    /** Every object of the scope, pre-data in creation order then post-data, and the tables whose rows travel. */
    public Catalog read(Scope scope) throws SQLException {
        Objects objects = new Objects();
        CatalogBuilder b = new CatalogBuilder(this, scope, objects);
        Set<String> schemas = scope.wholeSchemas() ? schemas(scope) : new TreeSet<>();
        List<Long> tableOids = new ArrayList<>();
        if (scope.functionsOnly()) {
            b.functions(schemas, null);
        } else if (scope.wholeSchemas()) {
            b.extensions(schemas);
            b.collations(schemas, null);
            b.types(schemas);
            b.functions(schemas, null);
            b.otherSchemaObjects(schemas);
            tableOids.addAll(b.relations(schemas, null));
            b.warnAboutUnsupported(schemas, scope.allSchemas());
        } else {
            for (QualifiedName t : scope.tables()) {
                long oid = relationOid(t, "'r', 'p'");
                if (oid == 0) {
                    throw new MissingTableException(t);
                }
                tableOids.add(oid);
            }
            tableOids.addAll(b.partitionsOf(tableOids));
            b.tableScopeClosure(tableOids);
        }
        b.schemas(schemas, scope.wholeSchemas());
        b.postData(tableOids);
        b.dependencies();
        List<CatalogObject> all = new ArrayList<>(objects.byIdentity.values());
        List<CatalogObject> pre = Dependencies.order(all.stream().filter(o -> !o.isPostData()).toList());
        List<CatalogObject> post = all.stream().filter(CatalogObject::isPostData)
                .sorted(Comparator.comparingInt(Dependencies::priority).thenComparing(CatalogObject::identity)).toList();
        List<CatalogObject> ordered = new ArrayList<>(pre);
        ordered.addAll(post);
        List<TableDef> tables = new ArrayList<>();
        for (long oid : new LinkedHashSet<>(tableOids)) {
            tables.add(table(oid));
        }
        tables.sort(Comparator.comparing((TableDef t) -> t.name().schema()).thenComparing(t -> t.name().name()));
        return new Catalog(ordered, tables, objects.warnings);
    }

    /** The schemas of a whole-schema scope: those named (each must exist), or every user schema. */
    private Set<String> schemas(Scope scope) throws SQLException {
        Set<String> out = new TreeSet<>();
        if (scope.allSchemas()) {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT n.nspname FROM pg_namespace n"
                    + " WHERE n.nspname NOT IN ('information_schema', 'pgclone') AND n.nspname NOT LIKE 'pg\\_%'"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass"
                    + "   AND d.objid = n.oid AND d.deptype = 'e')")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
        for (String s : scope.schemas()) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
                ps.setString(1, s);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new MissingSchemaException(s);
                    }
                }
            }
            out.add(s);
        }
        return out;
    }

    static String[] textArray(ResultSet rs, int column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? new String[0] : (String[]) a.getArray();
    }

    static String qualified(String schema, String name) {
        return Identifiers.qualified(schema, name);
    }
}
