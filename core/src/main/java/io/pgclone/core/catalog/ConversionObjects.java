package io.pgclone.core.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.pgclone.core.catalog.CatalogSql.notMember;
import static io.pgclone.core.catalog.CatalogSql.qualified;
import static io.pgclone.core.sql.Identifiers.literal;

/** Encoding conversions of the clone's schemas: {@code CREATE [DEFAULT] CONVERSION ... FOR ... TO ... FROM f}. */
final class ConversionObjects {
    static final String PG_CONVERSION = "pg_conversion";

    private ConversionObjects() {
    }

    static void read(Connection conn, Objects objects, ObjectMetadata meta, Set<String> schemas) throws SQLException {
        List<String[]> rows = CatalogQuery.rows(conn, "SELECT c.oid::text, n.nspname, c.conname,"
                + " pg_encoding_to_char(c.conforencoding), pg_encoding_to_char(c.contoencoding), c.conproc::regproc::text,"
                + " c.condefault::text, pg_get_userbyid(c.conowner), obj_description(c.oid, 'pg_conversion')"
                + " FROM pg_conversion c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = ANY (?)"
                + notMember(PG_CONVERSION, "c.oid") + " ORDER BY 2, 3",
                schemas);
        for (String[] r : rows) {
            String q = qualified(r[1], r[2]);
            String id = "conversion:" + r[1] + "." + r[2];
            objects.add(Objects.pre("conversion", id, r[1], r[2], List.of("schema:" + r[1]),
                    "CREATE " + ("true".equals(r[6]) ? "DEFAULT " : "") + "CONVERSION " + q + " FOR " + literal(r[3])
                            + " TO " + literal(r[4]) + " FROM " + r[5]));
            objects.map(PG_CONVERSION, Long.parseLong(r[0]), id);
            meta.owner(id, r[1], r[2], "CONVERSION " + q, r[7]);
            meta.comment(id, r[1], r[2], "CONVERSION " + q, r[8]);
        }
    }
}
