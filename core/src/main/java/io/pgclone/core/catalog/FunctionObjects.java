package io.pgclone.core.catalog;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import static io.pgclone.core.catalog.CatalogSql.PG_PROC;
import static io.pgclone.core.catalog.CatalogSql.notMember;
import static io.pgclone.core.catalog.CatalogSql.qualified;

/** Functions, procedures and aggregates, each with its owner, grants and comment. */
final class FunctionObjects extends CatalogPart {

    private record Routine(long oid, String schema, String name, String args, char kind, String owner, String comment,
                           boolean acl) {
    }

    FunctionObjects(CatalogContext ctx) {
        super(ctx);
    }

    /** Functions and procedures of the schemas, or the given ones ({@code only}). */
    void functions(Set<String> schemas, Set<Long> only) throws SQLException {
        String where = only != null ? "p.oid = ANY (?)" : "n.nspname = ANY (?)";
        List<Routine> rows = CatalogQuery.list(conn, "SELECT p.oid, n.nspname, p.proname,"
                + " pg_get_function_identity_arguments(p.oid), p.prokind, pg_get_userbyid(p.proowner),"
                + " obj_description(p.oid, 'pg_proc'), p.proacl IS NOT NULL FROM pg_proc p"
                + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + where + notMember("pg_proc", "p.oid")
                // a range type's constructors come with CREATE TYPE
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid"
                + "   AND d.deptype = 'i')"
                + " ORDER BY n.nspname, p.proname, 4",
                rs -> new Routine(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5).charAt(0), rs.getString(6), rs.getString(7), rs.getBoolean(8)),
                only != null ? CatalogQuery.oids(only) : schemas);
        for (Routine r : rows) {
            function(r);
        }
    }

    private void function(Routine r) throws SQLException {
        String schema = r.schema();
        String name = r.name();
        char kind = r.kind();
        String signature = qualified(schema, name) + "(" + (kind == 'a' && r.args().isEmpty() ? "*" : r.args()) + ")";
        String def;
        if (kind == 'a') { // an aggregate is a routine too: the same conflict handling (CREATE OR REPLACE AGGREGATE)
            def = AggregateSql.create(conn, r.oid(), qualified(schema, name));
        } else {
            def = CatalogQuery.one(conn, "SELECT pg_get_functiondef(?)", rs -> rs.getString(1), r.oid());
        }
        String id = "function:" + schema + "." + name + "(" + r.args() + ")";
        objects.add(Objects.pre("function", id, schema, name, List.of("schema:" + schema), def.strip()));
        objects.map(PG_PROC, r.oid(), id);
        referencedSchemas.add(schema);
        String what = (kind == 'p' ? "PROCEDURE " : kind == 'a' ? "AGGREGATE " : "FUNCTION ") + signature;
        meta.owner(id, schema, name, what, r.owner());
        if (r.acl()) { // GRANT ... ON FUNCTION covers aggregates
            meta.grants(id, schema, name, kind == 'a' ? "FUNCTION " + signature : what, "proacl", "pg_proc", r.oid(),
                    r.owner());
        }
        meta.comment(id, schema, name, what, r.comment());
    }
}
