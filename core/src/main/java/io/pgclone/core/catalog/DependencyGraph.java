package io.pgclone.core.catalog;


import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.pgclone.core.catalog.CatalogSql.PG_CLASS;
import static io.pgclone.core.catalog.CatalogSql.PG_EXTENSION;
import static io.pgclone.core.catalog.CatalogSql.PG_TYPE;

/**
 * The dependencies between gathered objects, once all are gathered: those {@code pg_depend} records (with the
 * extensions whose members they use, and the columns they need), and partitions and children after their parents.
 */
final class DependencyGraph extends CatalogPart {
    /** The catalogs of the other schema objects a dependency can run through (see {@link #read()}). */
    private static final String SCHEMA_KINDS = ", 'pg_collation'::regclass, 'pg_operator'::regclass,"
            + " 'pg_opclass'::regclass, 'pg_opfamily'::regclass,"
            + " 'pg_cast'::regclass, 'pg_conversion'::regclass, 'pg_ts_dict'::regclass, 'pg_ts_config'::regclass";

    private final Map<Long, String> relationIdentity;
    private final SchemaObjects extensions;

    DependencyGraph(CatalogContext ctx, RelationObjects relations, SchemaObjects extensions) {
        super(ctx);
        this.relationIdentity = relations.identities();
        this.extensions = extensions;
    }

    /**
     * Adds the dependencies {@code pg_depend} records between gathered objects (views through their rules, defaults
     * through pg_attrdef), and the extensions whose members they use.
     */
    void read() throws SQLException {
        Map<String, Set<String>> extra = new HashMap<>();
        CatalogQuery.each(conn, "SELECT d.classid::regclass::text, d.objid,"
                + " CASE WHEN d.classid = 'pg_rewrite'::regclass THEN (SELECT ev_class FROM pg_rewrite WHERE oid = d.objid)"
                + "      WHEN d.classid = 'pg_attrdef'::regclass THEN (SELECT adrelid FROM pg_attrdef WHERE oid = d.objid) END,"
                + " d.refclassid::regclass::text, d.refobjid,"
                + " (SELECT e.refobjid FROM pg_depend e WHERE e.classid = d.refclassid AND e.objid = d.refobjid"
                + "   AND e.deptype = 'e' AND e.refclassid = 'pg_extension'::regclass LIMIT 1),"
                // a type that is an array: its element; a row type (of a table, view or composite): its relation
                + " (SELECT CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem END FROM pg_type t"
                + "   WHERE d.refclassid = 'pg_type'::regclass AND t.oid = d.refobjid),"
                + " (SELECT coalesce(nullif(t.typrelid, 0), (SELECT e.typrelid FROM pg_type e WHERE e.oid = t.typelem"
                + "   AND t.typcategory = 'A')) FROM pg_type t WHERE d.refclassid = 'pg_type'::regclass AND t.oid = d.refobjid)"
                + " FROM pg_depend d WHERE d.deptype IN ('n', 'a') AND d.objid <> d.refobjid"
                + " AND d.classid IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass,"
                + "   'pg_rewrite'::regclass, 'pg_attrdef'::regclass" + SCHEMA_KINDS + ")"
                + " AND d.refclassid IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass"
                + SCHEMA_KINDS + ")", rs -> {
            String from = rs.getLong(3) != 0 ? objects.identityOf(PG_CLASS, rs.getLong(3))
                    : objects.identityOf(rs.getString(1), rs.getLong(2));
            if (from == null) {
                return;
            }
            String to = objects.identityOf(rs.getString(4), rs.getLong(5));
            if (to == null && rs.getLong(7) != 0) {
                to = objects.identityOf(PG_TYPE, rs.getLong(7));
            }
            if (to == null && rs.getLong(8) != 0) { // RETURNS SETOF t, t[] arguments, %ROWTYPE
                to = objects.identityOf(PG_CLASS, rs.getLong(8));
            }
            if (to == null && rs.getLong(6) != 0) { // a member of an extension: depend on the extension
                to = objects.identityOf(PG_EXTENSION, rs.getLong(6));
                if (to == null) {
                    to = extensions.extension(rs.getLong(6));
                }
            }
            if (to != null && !to.equals(from)) {
                extra.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
            }
        });
        columnDependencies(extra);
        extra.forEach((id, deps) -> {
            CatalogObject o = objects.byIdentity.get(id);
            if (o != null) {
                objects.byIdentity.put(id, Objects.withDeps(o, new ArrayList<>(deps)));
            }
        });
        // partitions after their parent, inheritance children after theirs
        for (CatalogObject o : List.copyOf(objects.byIdentity.values())) {
            if (o.table() != null) {
                List<String> parents = new ArrayList<>();
                if (o.table().partitionOf() != null) {
                    parents.add("table:" + o.table().partitionOf().schema() + "." + o.table().partitionOf().name());
                }
                o.table().inherits().forEach(p -> parents.add("table:" + p.schema() + "." + p.name()));
                if (!parents.isEmpty()) {
                    objects.byIdentity.put(o.identity(), Objects.withDeps(o, parents));
                }
            }
        }
    }

    /**
     * Which columns each object needs (indexes, constraints, triggers, policies, statistics, views, through
     * {@code pg_depend}), so a clone that leaves a column out can leave out what needs it, and say so.
     */
    private void columnDependencies(Map<String, Set<String>> extra) throws SQLException {
        if (relationIdentity.isEmpty()) {
            return;
        }
        CatalogQuery.each(conn, "SELECT d.classid::regclass::text, d.objid,"
                + " CASE WHEN d.classid = 'pg_rewrite'::regclass THEN (SELECT ev_class FROM pg_rewrite WHERE oid = d.objid) END,"
                + " n.nspname, c.relname, a.attname FROM pg_depend d"
                + " JOIN pg_class c ON c.oid = d.refobjid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + " WHERE d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.refobjid = ANY (?::oid[])"
                + " AND d.classid IN ('pg_class'::regclass, 'pg_constraint'::regclass, 'pg_trigger'::regclass,"
                + "   'pg_rewrite'::regclass, 'pg_policy'::regclass, 'pg_statistic_ext'::regclass)"
                + " AND NOT (d.classid = 'pg_class'::regclass AND (d.objid = d.refobjid"
                + "   OR (SELECT relkind FROM pg_class WHERE oid = d.objid) = 'S'))", rs -> {
            String from = rs.getLong(3) != 0 ? objects.identityOf(PG_CLASS, rs.getLong(3))
                    : objects.identityOf(rs.getString(1), rs.getLong(2));
            if (from != null && !from.startsWith("table:")) {
                extra.computeIfAbsent(from, k -> new LinkedHashSet<>())
                        .add(CatalogObject.columnId(rs.getString(4), rs.getString(5), rs.getString(6)));
            }
        }, CatalogQuery.oids(relationIdentity.keySet()));
    }
}
