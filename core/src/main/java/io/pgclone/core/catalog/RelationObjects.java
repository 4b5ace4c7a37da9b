package io.pgclone.core.catalog;


import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.pgclone.core.catalog.CatalogSql.PG_CLASS;
import static io.pgclone.core.catalog.CatalogSql.notMember;
import static io.pgclone.core.catalog.CatalogSql.qualified;
import static io.pgclone.core.sql.Identifiers.literal;
import static io.pgclone.core.sql.Identifiers.quote;

/**
 * Tables (with row-level security), views, materialized views (with their refresh) and sequences (with their
 * positions and owning columns), each with its owner, grants and comments.
 */
final class RelationObjects extends CatalogPart {
    private final TableReader tableReader;
    private final Map<Long, String> relationIdentity = new HashMap<>();
    private final Set<Long> matviews = new LinkedHashSet<>();
    private final Set<Long> sequences = new LinkedHashSet<>();

    private record Relation(long oid, String schema, String name, char kind, String owner, boolean acl, String comment,
                            boolean rowSecurity, boolean forceRowSecurity, String[] options, boolean populated,
                            boolean unlogged) {
        String q() {
            return qualified(schema, name);
        }
    }

    RelationObjects(CatalogContext ctx, TableReader tableReader) {
        super(ctx);
        this.tableReader = tableReader;
    }

    /** The identity of each relation gathered (table, view, materialized view, sequence), by OID. */
    Map<Long, String> identities() {
        return Collections.unmodifiableMap(relationIdentity);
    }

    /** The materialized views gathered. */
    Set<Long> matviews() {
        return Collections.unmodifiableSet(matviews);
    }

    /** The sequences gathered (not those of identity columns, which come with their table). */
    Set<Long> sequences() {
        return Collections.unmodifiableSet(sequences);
    }

    /** Tables, views, materialized views and sequences of the schemas (or the given relations); returns tables. */
    List<Long> relations(Set<String> schemas, Set<Long> only) throws SQLException {
        String where = only != null ? "c.oid = ANY (?)" : "n.nspname = ANY (?)";
        List<Long> tables = new ArrayList<>();
        List<Relation> rows = CatalogQuery.list(conn, "SELECT c.oid, n.nspname, c.relname, c.relkind,"
                + " pg_get_userbyid(c.relowner), c.relacl IS NOT NULL, obj_description(c.oid, 'pg_class'),"
                + " c.relrowsecurity, c.relforcerowsecurity, coalesce(c.reloptions, '{}'), c.relispopulated,"
                + " c.relpersistence = 'u'"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + where
                + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')" + notMember("pg_class", "c.oid")
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass AND i.objid = c.oid"
                + "   AND i.deptype = 'i' AND i.refobjid <> c.oid)" // identity sequences come with their column
                // (a partitioned table depends internally on itself, through its partition key)
                + " ORDER BY n.nspname, c.relname",
                rs -> new Relation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).charAt(0),
                        rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getBoolean(8), rs.getBoolean(9),
                        CatalogQuery.textArray(rs, 10), rs.getBoolean(11), rs.getBoolean(12)),
                only != null ? CatalogQuery.oids(only) : schemas);
        for (Relation r : rows) {
            referencedSchemas.add(r.schema());
            switch (r.kind()) {
                case 'r', 'p' -> {
                    table(r);
                    tables.add(r.oid());
                }
                case 'v', 'm' -> view(r, r.kind() == 'm');
                case 'S' -> sequence(r);
                case 'f' -> objects.warnings.add("foreign table " + r.q() + " is not cloned (foreign tables are not supported)");
                default -> { }
            }
        }
        return tables;
    }

    private void table(Relation r) throws SQLException {
        long oid = r.oid();
        String schema = r.schema();
        String name = r.name();
        String q = r.q();
        CatalogObject o = CatalogObject.table(tableReader.table(oid));
        objects.add(o);
        objects.map(PG_CLASS, oid, o.identity());
        relationIdentity.put(oid, o.identity());
        meta.owner(o.identity(), schema, name, "TABLE " + q, r.owner());
        if (r.acl()) {
            meta.grants(o.identity(), schema, name, "TABLE " + q, "relacl", "pg_class", oid, r.owner());
        }
        meta.columnGrants(o.identity(), schema, name, oid, r.owner());
        meta.comment(o.identity(), schema, name, "TABLE " + q, r.comment());
        meta.columnComments(o.identity(), schema, name, oid, q);
        identitySequenceValues(o.identity(), oid);
        if (r.rowSecurity() || r.forceRowSecurity()) {
            List<String> rls = new ArrayList<>(List.of("ALTER TABLE " + q + " ENABLE ROW LEVEL SECURITY"));
            if (r.forceRowSecurity()) {
                rls.add("ALTER TABLE " + q + " FORCE ROW LEVEL SECURITY");
            }
            objects.add(Objects.post("rls", "rls:" + schema + "." + name, schema, name, null,
                    List.of(o.identity()), List.of(o.identity()), rls));
        }
    }

    private void view(Relation r, boolean materialized) throws SQLException {
        if (materialized && !scope.matviews()) {
            return;
        }
        long oid = r.oid();
        String schema = r.schema();
        String name = r.name();
        String def = CatalogSql.withoutSemicolon(
                CatalogQuery.one(conn, "SELECT pg_get_viewdef(?::oid)", rs -> rs.getString(1), oid));
        String q = r.q();
        String kindWord = materialized ? "MATERIALIZED VIEW" : "VIEW";
        String with = r.options().length == 0 ? "" : " WITH (" + String.join(", ", r.options()) + ")";
        String sql = "CREATE " + kindWord + " " + q + with + " AS\n" + def + (materialized ? "\nWITH NO DATA" : "");
        String id = (materialized ? "matview:" : "view:") + schema + "." + name;
        objects.add(Objects.pre(materialized ? "matview" : "view", id, schema, name, List.of("schema:" + schema), sql));
        objects.map(PG_CLASS, oid, id);
        relationIdentity.put(oid, id);
        meta.owner(id, schema, name, kindWord + " " + q, r.owner());
        if (r.acl()) {
            meta.grants(id, schema, name, "TABLE " + q, "relacl", "pg_class", oid, r.owner());
        }
        meta.comment(id, schema, name, kindWord + " " + q, r.comment());
        meta.columnComments(id, schema, name, oid, q);
        if (materialized) {
            matviews.add(oid);
            if (r.populated()) {
                objects.add(Objects.post("refresh", "refresh:" + schema + "." + name, schema, name, "matviews",
                        List.of(id), List.of(), "REFRESH MATERIALIZED VIEW " + q));
            }
        }
    }

    private void sequence(Relation r) throws SQLException {
        long oid = r.oid();
        String schema = r.schema();
        String name = r.name();
        String q = r.q();
        String sql = CatalogQuery.one(conn, "SELECT format_type(seqtypid, NULL), seqstart, seqincrement,"
                + " seqmin, seqmax, seqcache, seqcycle FROM pg_sequence WHERE seqrelid = ?",
                rs -> "CREATE " + (r.unlogged() ? "UNLOGGED " : "") + "SEQUENCE " + q + " AS " + rs.getString(1)
                        + " START WITH " + rs.getLong(2) + " INCREMENT BY " + rs.getLong(3) + " MINVALUE " + rs.getLong(4)
                        + " MAXVALUE " + rs.getLong(5) + " CACHE " + rs.getLong(6) + (rs.getBoolean(7) ? " CYCLE" : " NO CYCLE"),
                oid);
        String id = "sequence:" + schema + "." + name;
        objects.add(Objects.pre("sequence", id, schema, name, List.of("schema:" + schema), sql));
        objects.map(PG_CLASS, oid, id);
        relationIdentity.put(oid, id);
        sequences.add(oid);
        meta.owner(id, schema, name, "SEQUENCE " + q, r.owner());
        if (r.acl()) {
            meta.grants(id, schema, name, "SEQUENCE " + q, "relacl", "pg_class", oid, r.owner());
        }
        meta.comment(id, schema, name, "SEQUENCE " + q, r.comment());
        sequenceValue(id, schema, name, q);
        String[] owner = CatalogQuery.first(conn, "SELECT n.nspname, c.relname, a.attname FROM pg_depend d"
                + " JOIN pg_class c ON c.oid = d.refobjid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + " WHERE d.classid = 'pg_class'::regclass AND d.objid = ? AND d.refclassid = 'pg_class'::regclass"
                + " AND d.deptype = 'a'", CatalogQuery::texts, oid);
        if (owner != null) {
            String table = "table:" + owner[0] + "." + owner[1];
            objects.add(Objects.pre("owned-by", "owned-by:" + schema + "." + name, schema, name, List.of(id, table),
                    "ALTER SEQUENCE " + q + " OWNED BY " + qualified(owner[0], owner[1]) + "." + quote(owner[2])));
        }
    }

    /** The sequence's position, read now (sequences are not transactional) and set after the data. */
    private void sequenceValue(String seqId, String schema, String name, String q) throws SQLException {
        String setval = CatalogQuery.one(conn, "SELECT last_value, is_called FROM " + q,
                rs -> "SELECT pg_catalog.setval(" + literal(q) + ", " + rs.getLong(1) + ", " + rs.getBoolean(2) + ")");
        objects.add(Objects.post("sequence-value", "sequence-value:" + schema + "." + name, schema, name, null,
                List.of(seqId), List.of(), setval));
    }

    /** Identity columns' sequences come with the table; their positions are set after the data like any other. */
    private void identitySequenceValues(String tableId, long table) throws SQLException {
        List<String[]> seqs = CatalogQuery.rows(conn, "SELECT n.nspname, s.relname FROM pg_depend d"
                + " JOIN pg_class s ON s.oid = d.objid JOIN pg_namespace n ON n.oid = s.relnamespace"
                + " WHERE d.classid = 'pg_class'::regclass AND d.refobjid = ? AND d.deptype = 'i' AND s.relkind = 'S'"
                + " ORDER BY 1, 2", table);
        for (String[] q : seqs) {
            sequenceValue(tableId, q[0], q[1], qualified(q[0], q[1]));
        }
    }
}
