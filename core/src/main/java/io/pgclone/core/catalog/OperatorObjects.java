package io.pgclone.core.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.pgclone.core.catalog.CatalogSql.notMember;
import static io.pgclone.core.sql.Identifiers.quote;

/**
 * User-defined operators of the clone's schemas, as pg_dump writes them: {@code CREATE OPERATOR} with its function,
 * argument types, commutator and negator (PostgreSQL makes a shell for one not created yet, which its own CREATE
 * later fills), selectivity estimators and HASHES / MERGES. Operator classes and families are not cloned yet
 * (warned about by name): their members are a list of operators and support functions per access method.
 */
final class OperatorObjects {
    static final String PG_OPERATOR = "pg_operator";

    private OperatorObjects() {
    }

    static void read(Connection conn, Objects objects, ObjectMetadata meta, Set<String> schemas) throws SQLException {
        List<String[]> rows = CatalogQuery.rows(conn, "SELECT o.oid::text, n.nspname, o.oprname,"
                + " CASE WHEN o.oprleft <> 0 THEN format_type(o.oprleft, NULL) END,"
                + " CASE WHEN o.oprright <> 0 THEN format_type(o.oprright, NULL) END, o.oprcode::regproc::text,"
                + " CASE WHEN o.oprcom <> 0 THEN o.oprcom::regoper::text END,"
                + " CASE WHEN o.oprnegate <> 0 THEN o.oprnegate::regoper::text END,"
                + " nullif(o.oprrest, 0)::regproc::text, nullif(o.oprjoin, 0)::regproc::text,"
                + " o.oprcanhash::text, o.oprcanmerge::text, pg_get_userbyid(o.oprowner),"
                + " obj_description(o.oid, 'pg_operator')"
                + " FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE n.nspname = ANY (?)"
                + " AND o.oprcode <> 0" // a shell left by a commutator that was never defined
                + notMember(PG_OPERATOR, "o.oid") + " ORDER BY 2, 3, 4, 5",
                schemas);
        for (String[] r : rows) {
            String schema = r[1];
            String q = quote(schema) + "." + r[2]; // an operator's name is never quoted
            String args = (r[3] == null ? "NONE" : r[3]) + ", " + (r[4] == null ? "NONE" : r[4]);
            List<String> opts = new ArrayList<>();
            opts.add("FUNCTION = " + r[5]);
            if (r[3] != null) {
                opts.add("LEFTARG = " + r[3]);
            }
            if (r[4] != null) {
                opts.add("RIGHTARG = " + r[4]);
            }
            if (r[6] != null) {
                opts.add("COMMUTATOR = OPERATOR(" + r[6] + ")");
            }
            if (r[7] != null) {
                opts.add("NEGATOR = OPERATOR(" + r[7] + ")");
            }
            if (r[8] != null) {
                opts.add("RESTRICT = " + r[8]);
            }
            if (r[9] != null) {
                opts.add("JOIN = " + r[9]);
            }
            if ("true".equals(r[10])) {
                opts.add("HASHES");
            }
            if ("true".equals(r[11])) {
                opts.add("MERGES");
            }
            String id = "operator:" + schema + "." + r[2] + "(" + args + ")";
            objects.add(Objects.pre("operator", id, schema, r[2], List.of("schema:" + schema),
                    "CREATE OPERATOR " + q + " (" + String.join(", ", opts) + ")"));
            objects.map(PG_OPERATOR, Long.parseLong(r[0]), id);
            String what = "OPERATOR " + q + " (" + args + ")";
            meta.owner(id, schema, r[2], what, r[12]);
            meta.comment(id, schema, r[2], what, r[13]);
        }
    }
}
