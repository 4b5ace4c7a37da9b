package io.pgclone.core.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.pgclone.core.catalog.CatalogSql.notMember;
import static io.pgclone.core.catalog.CatalogSql.qualified;

/**
 * Text search dictionaries (template and options) and configurations (parser, then one {@code ADD MAPPING} per
 * token type, dictionaries in order) of the clone's schemas, as pg_dump writes them. Parsers and templates need C
 * functions, so they come with extensions, not with a clone; one outside an extension is warned about.
 */
final class TextSearchObjects {
    static final String PG_TS_DICT = "pg_ts_dict";
    static final String PG_TS_CONFIG = "pg_ts_config";

    private TextSearchObjects() {
    }

    static void read(Connection conn, Objects objects, ObjectMetadata meta, Set<String> schemas) throws SQLException {
        dictionaries(conn, objects, meta, schemas);
        configurations(conn, objects, meta, schemas);
    }

    private static void dictionaries(Connection conn, Objects objects, ObjectMetadata meta, Set<String> schemas)
            throws SQLException {
        for (String[] r : CatalogQuery.rows(conn, "SELECT d.oid::text, n.nspname, d.dictname,"
                + " format('%I.%I', tn.nspname, t.tmplname), d.dictinitoption, pg_get_userbyid(d.dictowner),"
                + " obj_description(d.oid, 'pg_ts_dict')"
                + " FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace"
                + " JOIN pg_ts_template t ON t.oid = d.dicttemplate JOIN pg_namespace tn ON tn.oid = t.tmplnamespace"
                + " WHERE n.nspname = ANY (?)" + notMember(PG_TS_DICT, "d.oid") + " ORDER BY 2, 3", schemas)) {
            String q = qualified(r[1], r[2]);
            String id = "text-search-dictionary:" + r[1] + "." + r[2];
            objects.add(Objects.pre("text-search-dictionary", id, r[1], r[2], List.of("schema:" + r[1]),
                    "CREATE TEXT SEARCH DICTIONARY " + q + " (TEMPLATE = " + r[3]
                            + (r[4] == null || r[4].isEmpty() ? "" : ", " + r[4]) + ")"));
            objects.map(PG_TS_DICT, Long.parseLong(r[0]), id);
            meta.owner(id, r[1], r[2], "TEXT SEARCH DICTIONARY " + q, r[5]);
            meta.comment(id, r[1], r[2], "TEXT SEARCH DICTIONARY " + q, r[6]);
        }
    }

    private static void configurations(Connection conn, Objects objects, ObjectMetadata meta, Set<String> schemas)
            throws SQLException {
        for (String[] r : CatalogQuery.rows(conn, "SELECT c.oid::text, n.nspname, c.cfgname,"
                + " format('%I.%I', pn.nspname, p.prsname), pg_get_userbyid(c.cfgowner),"
                + " obj_description(c.oid, 'pg_ts_config')"
                + " FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace"
                + " JOIN pg_ts_parser p ON p.oid = c.cfgparser JOIN pg_namespace pn ON pn.oid = p.prsnamespace"
                + " WHERE n.nspname = ANY (?)" + notMember(PG_TS_CONFIG, "c.oid") + " ORDER BY 2, 3", schemas)) {
            String q = qualified(r[1], r[2]);
            List<String> sql = new ArrayList<>();
            sql.add("CREATE TEXT SEARCH CONFIGURATION " + q + " (PARSER = " + r[3] + ")");
            try (PreparedStatement ps = conn.prepareStatement("SELECT t.alias, string_agg(m.mapdict::regdictionary::text,"
                    + " ', ' ORDER BY m.mapseqno) FROM pg_ts_config_map m JOIN pg_ts_config c ON c.oid = m.mapcfg"
                    + " JOIN LATERAL ts_token_type(c.cfgparser) t ON t.tokid = m.maptokentype"
                    + " WHERE m.mapcfg = ?::oid GROUP BY m.maptokentype, t.alias ORDER BY m.maptokentype")) {
                ps.setString(1, r[0]);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sql.add("ALTER TEXT SEARCH CONFIGURATION " + q + " ADD MAPPING FOR " + rs.getString(1)
                                + " WITH " + rs.getString(2));
                    }
                }
            }
            String id = "text-search-configuration:" + r[1] + "." + r[2];
            objects.add(Objects.pre("text-search-configuration", id, r[1], r[2], List.of("schema:" + r[1]), sql));
            objects.map(PG_TS_CONFIG, Long.parseLong(r[0]), id);
            meta.owner(id, r[1], r[2], "TEXT SEARCH CONFIGURATION " + q, r[4]);
            meta.comment(id, r[1], r[2], "TEXT SEARCH CONFIGURATION " + q, r[5]);
        }
    }

}
