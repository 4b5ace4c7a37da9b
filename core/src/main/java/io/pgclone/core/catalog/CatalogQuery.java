package io.pgclone.core.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The prepare / bind / read-every-row skeleton of a catalog query, once: each row as text, as one value read by a
 * {@link RowReader}, or handed to a {@link RowConsumer}. Each parameter is a text array (a collection of names), a
 * bigint array (a collection of OIDs, or {@link #oids} also when it may be empty) or a single value.
 */
final class CatalogQuery {
    private CatalogQuery() {
    }

    /** Reads the row a result is on into a value. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Takes in the row a result is on. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    /** A parameter bound as a bigint array even when empty (an empty collection is bound as a text array). */
    record Oids(Collection<Long> values) {
    }

    static Oids oids(Collection<Long> values) {
        return new Oids(values);
    }

    static List<String[]> rows(Connection conn, String sql, Object... params) throws SQLException {
        return list(conn, sql, CatalogQuery::texts, params);
    }

    /** The first column of every row, as a number (an OID). */
    static List<Long> longs(Connection conn, String sql, Object... params) throws SQLException {
        return list(conn, sql, rs -> rs.getLong(1), params);
    }

    static <T> List<T> list(Connection conn, String sql, RowReader<T> reader, Object... params) throws SQLException {
        List<T> out = new ArrayList<>();
        each(conn, sql, rs -> out.add(reader.read(rs)), params);
        return out;
    }

    /** Every row, in order, to the consumer, while the result is open. */
    static void each(Connection conn, String sql, RowConsumer consumer, Object... params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Oids o) {
                    ps.setArray(i + 1, conn.createArrayOf("bigint", o.values().toArray()));
                } else if (p instanceof Collection<?> c) {
                    boolean oids = !c.isEmpty() && c.iterator().next() instanceof Long;
                    ps.setArray(i + 1, conn.createArrayOf(oids ? "bigint" : "text", c.toArray()));
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(rs);
                }
            }
        }
    }

    /** The first row, read; null without one. */
    static <T> T first(Connection conn, String sql, RowReader<T> reader, Object... params) throws SQLException {
        List<T> row = firstRow(conn, sql, reader, params);
        return row.isEmpty() ? null : row.get(0);
    }

    /** The first row, read; an error without one. */
    static <T> T one(Connection conn, String sql, RowReader<T> reader, Object... params) throws SQLException {
        List<T> row = firstRow(conn, sql, reader, params);
        if (row.isEmpty()) {
            throw new SQLException("the catalog query returned no row: " + sql);
        }
        return row.get(0);
    }

    private static <T> List<T> firstRow(Connection conn, String sql, RowReader<T> reader, Object... params)
            throws SQLException {
        List<T> out = new ArrayList<>(1);
        each(conn, sql, rs -> {
            if (out.isEmpty()) {
                out.add(reader.read(rs));
            }
        }, params);
        return out;
    }

    /** Every column of the row as text. */
    static String[] texts(ResultSet rs) throws SQLException {
        String[] r = new String[rs.getMetaData().getColumnCount()];
        for (int c = 0; c < r.length; c++) {
            r[c] = rs.getString(c + 1);
        }
        return r;
    }

    /** A text array column; empty when null. */
    static String[] textArray(ResultSet rs, int column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? new String[0] : (String[]) a.getArray();
    }
}
