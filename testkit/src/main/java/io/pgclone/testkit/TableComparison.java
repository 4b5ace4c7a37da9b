package io.pgclone.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a table on two servers by the text form of every row, in a fixed order, streaming both sides: the
 * differences found (at most a few) are returned for the assertion message.
 */
public final class TableComparison {
    private TableComparison() {
    }

    /** Row count of a table. */
    public static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** An order-independent content checksum: md5 of the sorted row texts. */
    public static String checksum(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), '')) from " + table + " t")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Row-by-row differences between {@code source} and {@code target} versions of a table, both ordered by
     * {@code orderBy}; empty when identical. Both sessions use UTC so that timestamptz text forms are comparable.
     */
    public static List<String> differences(Connection source, String sourceTable, Connection target, String targetTable,
                                           String orderBy) throws SQLException {
        List<String> diffs = new ArrayList<>();
        boolean srcAuto = source.getAutoCommit();
        boolean tgtAuto = target.getAutoCommit();
        source.setAutoCommit(false);
        target.setAutoCommit(false);
        try (Statement s = source.createStatement(); Statement t = target.createStatement()) {
            s.execute("set local timezone = 'UTC'");
            t.execute("set local timezone = 'UTC'");
            s.setFetchSize(5000);
            t.setFetchSize(5000);
            try (ResultSet a = s.executeQuery("select x::text from " + sourceTable + " x order by " + orderBy);
                 ResultSet b = t.executeQuery("select x::text from " + targetTable + " x order by " + orderBy)) {
                long row = 0;
                while (diffs.size() < 5) {
                    boolean ha = a.next();
                    boolean hb = b.next();
                    if (!ha && !hb) {
                        break;
                    }
                    row++;
                    if (ha != hb) {
                        diffs.add("row " + row + ": " + (ha ? "missing on target: " + a.getString(1)
                                : "extra on target: " + b.getString(1)));
                        continue;
                    }
                    String va = a.getString(1);
                    String vb = b.getString(1);
                    if (!va.equals(vb)) {
                        diffs.add("row " + row + ":\n  source " + va + "\n  target " + vb);
                    }
                }
            }
        } finally {
            source.rollback();
            target.rollback();
            source.setAutoCommit(srcAuto);
            target.setAutoCommit(tgtAuto);
        }
        return diffs;
    }
}
