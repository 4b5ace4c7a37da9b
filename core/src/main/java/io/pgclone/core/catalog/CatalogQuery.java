package io.pgclone.core.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The prepare / bind / read-every-row skeleton of a catalog query, once: each row as text, each parameter a text
 * array (a collection of names), a bigint array (a collection of OIDs) or a single value.
 */
final class CatalogQuery {
    private CatalogQuery() {
    }

    static List<String[]> rows(Connection conn, String sql, Object... params) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Collection<?> c) {
                    boolean oids = !c.isEmpty() && c.iterator().next() instanceof Long;
                    ps.setArray(i + 1, conn.createArrayOf(oids ? "bigint" : "text", c.toArray()));
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] r = new String[columns];
                    for (int c = 0; c < columns; c++) {
                        r[c] = rs.getString(c + 1);
                    }
                    out.add(r);
                }
            }
        }
        return out;
    }
}
