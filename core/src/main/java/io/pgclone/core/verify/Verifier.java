package io.pgclone.core.verify;

import io.pgclone.core.filter.FilterCheck;
import io.pgclone.core.sql.SqlErrors;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares tables of a source and a target exactly, each side in one read-only transaction (one snapshot): row
 * counts and content checksums per key bucket, computed in the servers; a bucket that differs is narrowed to the
 * keys that are missing, extra or changed. Never writes either side; a row filter is checked by the source server
 * ({@link FilterCheck}) before it runs.
 */
public final class Verifier {
    /** Buckets per table: a difference is narrowed to one of them, then to its rows. */
    public static final int DEFAULT_BUCKETS = 256;
    private static final int BUCKETS_NARROWED = 3;
    private static final int EXAMPLES = 10;

    private final Connection source;
    private final Connection target;
    private final int buckets;

    /** Both connections read-only sessions with autocommit off (PgConnections.openSource), so each is one snapshot. */
    public Verifier(Connection source, Connection target, int buckets) {
        this.source = source;
        this.target = target;
        this.buckets = buckets;
    }

    /** The verdict for one table; {@link FilterCheck.Refused} when its filter may not run on the source. */
    public TableVerdict verify(TableProjection p) throws SQLException, FilterCheck.Refused {
        if (p.where() != null) {
            new FilterCheck(source).check(p.source(), p.where());
            FilterCheck.useSessionSearchPath(source);
        }
        BucketQueries q = new BucketQueries(p, buckets);
        Map<Integer, String[]> src = sums(source, q.sums(true));
        long sourceRows = rows(src);
        if (!exists(target, p)) {
            return new TableVerdict(p.source(), p.target(), sourceRows, -1, TableVerdict.Status.MISSING,
                    p.notComparable(), List.of());
        }
        Map<Integer, String[]> tgt = sums(target, q.sums(false));
        TreeSet<Integer> differing = new TreeSet<>();
        for (int b = 0; b < buckets; b++) {
            String[] a = src.get(b);
            String[] t = tgt.get(b);
            if (a == null ? t != null : t == null || !a[0].equals(t[0]) || !a[1].equals(t[1])) {
                differing.add(b);
            }
        }
        List<String> examples = new ArrayList<>();
        for (int b : differing) {
            if (examples.size() >= EXAMPLES || differing.headSet(b).size() >= BUCKETS_NARROWED) {
                break;
            }
            narrow(q, b, examples);
        }
        return new TableVerdict(p.source(), p.target(), sourceRows, rows(tgt),
                differing.isEmpty() ? TableVerdict.Status.MATCH : TableVerdict.Status.DIFFERENT, p.notComparable(),
                examples);
    }

    private static boolean exists(Connection c, TableProjection p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.to_regclass(?) IS NOT NULL")) {
            ps.setString(1, p.target().sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static Map<Integer, String[]> sums(Connection c, String sql) throws SQLException {
        Map<Integer, String[]> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getInt(1), new String[] {Long.toString(rs.getLong(2)), rs.getString(3)});
            }
        } catch (SQLException e) {
            throw new SQLException("cannot compute the checksums: " + SqlErrors.firstLine(e), e.getSQLState(), e);
        }
        return out;
    }

    private static long rows(Map<Integer, String[]> sums) {
        return sums.values().stream().mapToLong(v -> Long.parseLong(v[0])).sum();
    }

    /** The order of COLLATE "C": the bytes of the UTF-8 text. */
    private static int utf8Order(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }

    /** Merges the bucket's rows of both sides, in key order, into examples of what differs. */
    private void narrow(BucketQueries q, int bucket, List<String> examples) throws SQLException {
        try (Statement a = source.createStatement(); Statement b = target.createStatement()) {
            a.setFetchSize(2000);
            b.setFetchSize(2000);
            try (ResultSet s = a.executeQuery(q.bucketRows(true, bucket));
                 ResultSet t = b.executeQuery(q.bucketRows(false, bucket))) {
                boolean hs = s.next();
                boolean ht = t.next();
                while ((hs || ht) && examples.size() < EXAMPLES) {
                    int cmp = !hs ? 1 : !ht ? -1 : utf8Order(s.getString(1), t.getString(1));
                    if (cmp == 0) {
                        if (!s.getString(2).equals(t.getString(2))) {
                            examples.add("bucket " + bucket + ": changed row " + s.getString(1));
                        }
                        hs = s.next();
                        ht = t.next();
                    } else if (cmp < 0) {
                        examples.add("bucket " + bucket + ": missing row " + s.getString(1));
                        hs = s.next();
                    } else {
                        examples.add("bucket " + bucket + ": extra row " + t.getString(1));
                        ht = t.next();
                    }
                }
            }
        }
    }
}
