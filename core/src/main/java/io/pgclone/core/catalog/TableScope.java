package io.pgclone.core.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.pgclone.core.catalog.CatalogSql.notMember;

/**
 * Table scope: the tables named, their partitions, and what creating them needs that the target may lack: the
 * sequences their defaults use, the user types and collations of their columns, the functions their defaults,
 * checks and triggers call. Base types outside extensions are warned about, not cloned.
 */
final class TableScope extends CatalogPart {
    private final RelationObjects relations;
    private final TypeObjects types;
    private final FunctionObjects functions;

    TableScope(CatalogContext ctx, RelationObjects relations, TypeObjects types, FunctionObjects functions) {
        super(ctx);
        this.relations = relations;
        this.types = types;
        this.functions = functions;
    }

    /** All partitions below the given partitioned tables, recursively. */
    static List<Long> partitionsOf(Connection conn, List<Long> tables) throws SQLException {
        CatalogQuery.Oids arr = CatalogQuery.oids(tables);
        return CatalogQuery.longs(conn, "WITH RECURSIVE p(oid) AS (SELECT unnest(?::oid[])"
                + " UNION SELECT i.inhrelid FROM pg_inherits i JOIN p ON i.inhparent = p.oid"
                + " JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relispartition) SELECT oid FROM p"
                + " WHERE oid <> ALL (?::oid[])", arr, arr);
    }

    /** The tables, and what creating them needs: see the class comment. */
    void closure(List<Long> tableOids) throws SQLException {
        relations.relations(Set.of(), new LinkedHashSet<>(tableOids));
        Set<Long> seqs = new LinkedHashSet<>();
        Set<Long> typeOids = new LinkedHashSet<>();
        Set<Long> funcs = new LinkedHashSet<>();
        Set<Long> collations = new LinkedHashSet<>();
        CatalogQuery.Oids arr = CatalogQuery.oids(tableOids);
        CatalogQuery.each(conn, "SELECT d.refclassid::regclass::text, d.refobjid FROM pg_depend d"
                + " WHERE ((d.classid = 'pg_attrdef'::regclass AND d.objid IN (SELECT oid FROM pg_attrdef WHERE adrelid = ANY (?::oid[])))"
                + "  OR (d.classid = 'pg_class'::regclass AND d.objid = ANY (?::oid[]))"
                + "  OR (d.classid = 'pg_constraint'::regclass AND d.objid IN (SELECT oid FROM pg_constraint WHERE conrelid = ANY (?::oid[])))"
                + (scope.triggers() ? "  OR (d.classid = 'pg_trigger'::regclass AND d.objid IN (SELECT oid FROM pg_trigger"
                        + "   WHERE tgrelid = ANY (?::oid[]) AND NOT tgisinternal))" : "") + ")"
                + " AND d.refclassid IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass,"
                + "   'pg_collation'::regclass)"
                + " AND d.deptype = 'n'", rs -> {
            switch (rs.getString(1)) {
                case "pg_class" -> seqs.add(rs.getLong(2));
                case "pg_type" -> typeOids.add(rs.getLong(2));
                case "pg_proc" -> funcs.add(rs.getLong(2));
                case "pg_collation" -> collations.add(rs.getLong(2));
                default -> { }
            }
        }, Collections.nCopies(scope.triggers() ? 4 : 3, arr).toArray());
        Set<Long> realSeqs = new LinkedHashSet<>(CatalogQuery.longs(conn, "SELECT oid FROM pg_class WHERE oid = ANY (?::oid[])"
                + " AND relkind = 'S'", CatalogQuery.oids(seqs)));
        if (!realSeqs.isEmpty()) {
            relations.relations(Set.of(), realSeqs);
        }
        // sequences owned by the tables' serial columns
        Set<Long> owned = new LinkedHashSet<>(CatalogQuery.longs(conn, "SELECT d.objid FROM pg_depend d JOIN pg_class c ON c.oid = d.objid"
                + " WHERE d.classid = 'pg_class'::regclass AND d.refobjid = ANY (?::oid[]) AND d.deptype = 'a'"
                + " AND c.relkind = 'S'", arr));
        owned.removeAll(relations.sequences());
        if (!owned.isEmpty()) {
            relations.relations(Set.of(), owned);
        }
        if (!collations.isEmpty()) {
            types.collations(Set.of(), collations);
        }
        for (long t : userTypes(typeOids)) {
            types.type(t);
        }
        warnBaseTypes(typeOids);
        Set<Long> userFuncs = new LinkedHashSet<>(CatalogQuery.longs(conn, "SELECT p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE p.oid = ANY (?::oid[]) AND n.nspname NOT IN ('pg_catalog', 'information_schema')",
                CatalogQuery.oids(funcs)));
        if (!userFuncs.isEmpty()) {
            functions.functions(Set.of(), userFuncs);
        }
    }

    /**
     * Base types outside any extension among the columns' types (arrays resolved to their elements): they need C or
     * internal functions, so they are not cloned, and the table that uses one needs it on the target already.
     */
    private void warnBaseTypes(Set<Long> oids) throws SQLException {
        CatalogQuery.each(conn, "SELECT DISTINCT quote_ident(n.nspname) || '.' || quote_ident(ty.typname)"
                + " FROM pg_type a JOIN pg_type ty ON ty.oid = CASE WHEN a.typcategory = 'A' AND a.typelem <> 0"
                + " THEN a.typelem ELSE a.oid END JOIN pg_namespace n ON n.oid = ty.typnamespace"
                + " WHERE a.oid = ANY (?::oid[]) AND ty.typtype = 'b' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                + notMember("pg_type", "ty.oid") + " ORDER BY 1",
                rs -> objects.warnings.add("base type " + rs.getString(1) + " is not cloned (it is defined by C or internal"
                        + " functions outside an extension): the tables using it need it on the target first"),
                CatalogQuery.oids(oids));
    }

    /** The user-defined types among these (arrays resolved to their elements), with the types they are built on. */
    private Set<Long> userTypes(Set<Long> oids) throws SQLException {
        return new LinkedHashSet<>(CatalogQuery.longs(conn, "WITH RECURSIVE t(oid) AS ("
                + " SELECT CASE WHEN ty.typcategory = 'A' AND ty.typelem <> 0 THEN ty.typelem ELSE ty.oid END"
                + "   FROM pg_type ty WHERE ty.oid = ANY (?::oid[])"
                + " UNION SELECT x.ref FROM t JOIN pg_type ty ON ty.oid = t.oid, LATERAL (VALUES (ty.typbasetype),"
                + "   ((SELECT rngsubtype FROM pg_range WHERE rngtypid = ty.oid))) x(ref) WHERE x.ref IS NOT NULL AND x.ref <> 0)"
                + " SELECT t.oid FROM t JOIN pg_type ty ON ty.oid = t.oid JOIN pg_namespace n ON n.oid = ty.typnamespace"
                + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND ty.typtype IN ('e', 'd', 'r', 'c')"
                + notMember("pg_type", "ty.oid"), CatalogQuery.oids(oids)));
    }
}
