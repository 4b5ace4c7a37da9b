package io.pgclone.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static io.pgclone.core.sql.Identifiers.literal;

/**
 * {@code CREATE COLLATION} from {@code pg_collation}, as pg_dump writes it. The row is read as JSON because its
 * columns moved between versions (the ICU locale is {@code collcollate} on 14, {@code colliculocale} on 15 and 16,
 * {@code colllocale} from 17; ICU rules from 16; the builtin provider from 17).
 */
final class CollationSql {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CollationSql() {
    }

    static String create(Connection conn, long oid, String qualifiedName) throws SQLException {
        JsonNode c;
        try (PreparedStatement ps = conn.prepareStatement("SELECT to_jsonb(c)::text FROM pg_collation c WHERE c.oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("collation with OID " + oid + " vanished");
                }
                c = JSON.readTree(rs.getString(1));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException("unreadable pg_collation row for OID " + oid, e);
            }
        }
        List<String> opts = new ArrayList<>();
        String provider = text(c, "collprovider");
        switch (provider) {
            case "i" -> opts.add("provider = icu");
            case "b" -> opts.add("provider = builtin");
            case "c" -> opts.add("provider = libc");
            default -> { } // 'd' (default) cannot be created; pg_dump leaves it out too
        }
        if (!c.path("collisdeterministic").asBoolean(true)) {
            opts.add("deterministic = false");
        }
        String locale = text(c, "colllocale") != null ? text(c, "colllocale") : text(c, "colliculocale");
        String collate = text(c, "collcollate");
        String ctype = text(c, "collctype");
        if (!provider.equals("c") && locale != null) {
            opts.add("locale = " + literal(locale));
        } else if (collate != null && collate.equals(ctype)) {
            opts.add("locale = " + literal(collate));
        } else {
            if (collate != null) {
                opts.add("lc_collate = " + literal(collate));
            }
            if (ctype != null) {
                opts.add("lc_ctype = " + literal(ctype));
            }
        }
        if (text(c, "collicurules") != null) {
            opts.add("rules = " + literal(text(c, "collicurules")));
        }
        return "CREATE COLLATION " + qualifiedName + " (" + String.join(", ", opts) + ")";
    }

    private static String text(JsonNode row, String column) {
        JsonNode v = row.get(column);
        return v == null || v.isNull() ? null : v.asText();
    }
}
