package io.pgclone.core.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.pgclone.core.catalog.CatalogSql.notMember;

/**
 * User-defined casts (not built in, not an extension's) whose function, source type or target type lives in one of
 * the clone's schemas. {@code CREATE CAST} with its method (function, binary coercible, I/O) and
 * context (explicit, assignment, implicit). Casts have no name and no owner; a comment goes with them.
 */
final class CastObjects {
    static final String PG_CAST = "pg_cast";

    private CastObjects() {
    }

    static void read(Connection conn, Objects objects, ObjectMetadata meta, Set<String> schemas) throws SQLException {
        List<String[]> rows = CatalogQuery.rows(conn, "SELECT c.oid::text, CASE WHEN fn.nspname = ANY (?) THEN fn.nspname"
                + " WHEN sn.nspname = ANY (?) THEN sn.nspname ELSE tn.nspname END,"
                + " format_type(c.castsource, NULL), format_type(c.casttarget, NULL), c.castmethod::text,"
                + " c.castcontext::text, CASE WHEN c.castfunc <> 0 THEN c.castfunc::regprocedure::text END,"
                + " obj_description(c.oid, 'pg_cast')"
                + " FROM pg_cast c"
                + " JOIN pg_type s ON s.oid = c.castsource JOIN pg_namespace sn ON sn.oid = s.typnamespace"
                + " JOIN pg_type t ON t.oid = c.casttarget JOIN pg_namespace tn ON tn.oid = t.typnamespace"
                + " LEFT JOIN pg_proc p ON p.oid = c.castfunc LEFT JOIN pg_namespace fn ON fn.oid = p.pronamespace"
                + " WHERE c.oid >= 16384" // FirstNormalObjectId: the built-in casts are every server's
                + " AND (fn.nspname = ANY (?) OR sn.nspname = ANY (?) OR tn.nspname = ANY (?))"
                // a multirange's casts come with its range type (an internal dependency)
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_cast'::regclass AND i.objid = c.oid"
                + "   AND i.deptype = 'i')"
                + notMember(PG_CAST, "c.oid") + " ORDER BY 3, 4",
                schemas, schemas, schemas, schemas, schemas);
        for (String[] r : rows) {
            String pair = "(" + r[2] + " AS " + r[3] + ")";
            String method = switch (r[4]) {
                case "f" -> " WITH FUNCTION " + r[6];
                case "i" -> " WITH INOUT";
                default -> " WITHOUT FUNCTION";
            };
            String context = switch (r[5]) {
                case "a" -> " AS ASSIGNMENT";
                case "i" -> " AS IMPLICIT";
                default -> "";
            };
            String id = "cast:" + pair;
            objects.add(Objects.pre("cast", id, r[1], pair, List.of("schema:" + r[1]), "CREATE CAST " + pair + method + context));
            objects.map(PG_CAST, Long.parseLong(r[0]), id);
            meta.comment(id, r[1], pair, "CAST " + pair, r[7]);
        }
    }
}
