package io.pgclone.core.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import static io.pgclone.core.catalog.CatalogSql.notMember;

/**
 * Objects of a whole-schema (or database) clone that it does not recreate, named in warnings: text-search
 * parsers and templates outside extensions; and, for a database clone, event triggers.
 */
final class UnsupportedObjects {
    private UnsupportedObjects() {
    }

    static void warn(Connection conn, List<String> warnings, Set<String> schemas, boolean database) throws SQLException {
        String[][] kinds = {
            {"text search parser", "SELECT n.nspname || '.' || p.prsname FROM pg_ts_parser p"
                    + " JOIN pg_namespace n ON n.oid = p.prsnamespace WHERE n.nspname = ANY (?)" + notMember("pg_ts_parser", "p.oid")},
            {"text search template", "SELECT n.nspname || '.' || t.tmplname FROM pg_ts_template t"
                    + " JOIN pg_namespace n ON n.oid = t.tmplnamespace WHERE n.nspname = ANY (?)" + notMember("pg_ts_template", "t.oid")},
        };
        for (String[] k : kinds) {
            for (String[] r : CatalogQuery.rows(conn, k[1] + " ORDER BY 1", schemas)) {
                warnings.add(k[0] + " " + r[0] + " is not cloned (not supported yet):"
                        + " create it on the target first if the clone needs it");
            }
        }
        if (database) {
            for (String[] r : CatalogQuery.rows(conn, "SELECT evtname FROM pg_event_trigger et WHERE true"
                    + notMember("pg_event_trigger", "et.oid") + " ORDER BY 1")) {
                warnings.add("event trigger " + r[0] + " is not cloned (event triggers are not"
                        + " supported)");
            }
        }
    }
}
