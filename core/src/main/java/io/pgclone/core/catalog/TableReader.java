package io.pgclone.core.catalog;

import io.pgclone.core.sql.QualifiedName;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads one table's structured definition: its columns and their types, primary key, partitioning, parents. */
final class TableReader {
    private final Connection conn;
    private final Map<Long, TypeInfo> types = new HashMap<>();

    private record TypeInfo(String name, String namespace, char typtype, char category, long baseType, int baseTypmod,
                            long elementType) {
    }

    private record Head(QualifiedName name, long pages, long estimate, boolean partitioned, boolean unlogged,
                        List<String> options, String partitionBy, String bound) {
    }

    TableReader(Connection conn) {
        this.conn = conn;
    }

    TableDef table(long oid) throws SQLException {
        Head h = CatalogQuery.first(conn,
                "SELECT ns.nspname, c.relname, pg_relation_size(c.oid) / current_setting('block_size')::int,"
                        + " c.reltuples::bigint, c.relkind = 'p', c.relpersistence = 'u', coalesce(c.reloptions, '{}'),"
                        + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
                        + " CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END"
                        + " FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE c.oid = ?",
                rs -> new Head(new QualifiedName(rs.getString(1), rs.getString(2)), rs.getLong(3), rs.getLong(4),
                        rs.getBoolean(5), rs.getBoolean(6), List.of((String[]) rs.getArray(7).getArray()),
                        rs.getString(8), rs.getString(9)), oid);
        if (h == null) {
            throw new SQLException("table with OID " + oid + " vanished");
        }
        List<QualifiedName> partitionOf = new ArrayList<>(1); // a partition has one parent, which it is part of
        List<QualifiedName> inherits = new ArrayList<>();
        CatalogQuery.each(conn, "SELECT ns.nspname, p.relname, c.relispartition"
                + " FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace ns ON ns.oid = p.relnamespace"
                + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhrelid = ? ORDER BY i.inhseqno", rs -> {
            (rs.getBoolean(3) ? partitionOf : inherits).add(new QualifiedName(rs.getString(1), rs.getString(2)));
        }, oid);
        return new TableDef(h.name(), oid, columns(oid), primaryKey(oid), h.partitioned() ? 0 : h.pages(), h.estimate(),
                h.partitioned(), h.unlogged(), h.options(), h.partitionBy(), partitionOf.isEmpty() ? null : partitionOf.get(0),
                h.bound(), inherits);
    }

    private List<ColumnDef> columns(long relid) throws SQLException {
        List<ColumnDef> cols = new ArrayList<>();
        CatalogQuery.each(conn,
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
                        + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", rs -> {
                    ColumnType type = columnType(rs.getLong(2), rs.getInt(3), rs.getString(4));
                    cols.add(new ColumnDef(rs.getString(1), type, rs.getBoolean(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getBoolean(10), rs.getString(11)));
                }, relid);
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
        TypeInfo t = CatalogQuery.first(conn,
                "SELECT t.typname, n.nspname, t.typtype, t.typcategory, t.typbasetype, t.typtypmod, t.typelem"
                        + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = ?",
                rs -> new TypeInfo(rs.getString(1), rs.getString(2), rs.getString(3).charAt(0),
                        rs.getString(4).charAt(0), rs.getLong(5), rs.getInt(6), rs.getLong(7)), oid);
        if (t == null) {
            throw new SQLException("type with OID " + oid + " not found");
        }
        types.put(oid, t);
        return t;
    }

    private TableDef.PrimaryKey primaryKey(long relid) throws SQLException {
        return CatalogQuery.first(conn, "SELECT c.conname, pg_get_constraintdef(c.oid),"
                + " array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)"
                + "       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord)"
                + " FROM pg_constraint c WHERE c.conrelid = ? AND c.contype = 'p'",
                rs -> new TableDef.PrimaryKey(rs.getString(1), List.of((String[]) rs.getArray(3).getArray()),
                        rs.getString(2)), relid);
    }
}
