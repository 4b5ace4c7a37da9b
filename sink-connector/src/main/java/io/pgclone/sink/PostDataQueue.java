package io.pgclone.sink;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sink's SQL on {@code pgclone.post_data}, the queue of post-data objects (keys, indexes, triggers, refreshes,
 * sequence values, ANALYZE): queued with the pre-data, each taken once the tables it needs are loaded and the objects
 * it depends on are done.
 */
final class PostDataQueue {
    private PostDataQueue() {
    }

    /** One post-data object to queue: its statements, the objects it waits for, the topics whose tables it needs. */
    record Item(String identity, String kind, List<String> statements, List<String> dependsOn, List<String> needsTopics) {
    }

    /** One object ready to run; {@code statements} is null for objects queued by a version that stored one text. */
    record Ready(String cloneId, int seq, String identity, String kind, String sql, String[] statements) {
    }

    /** An object left out because something it needs will not exist. */
    record Skipped(String kind, String identity) {
    }

    static void enqueue(Connection c, String cloneId, List<Item> items) throws SQLException {
        int seq = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pgclone.post_data (clone_id, seq, identity, kind,"
                + " sql, statements, depends_on, needs_topics) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Item i : items) {
                ps.setString(1, cloneId);
                ps.setInt(2, ++seq);
                ps.setString(3, i.identity());
                ps.setString(4, i.kind());
                ps.setString(5, String.join(";\n", i.statements())); // for people; the statements are what runs
                ps.setArray(6, c.createArrayOf("text", i.statements().toArray()));
                ps.setArray(7, c.createArrayOf("text", i.dependsOn().toArray()));
                ps.setArray(8, c.createArrayOf("text", i.needsTopics().toArray()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The first ready object of the running clones a sink connector applies, locked for this transaction (other
     * tasks skip it), or null.
     */
    static Ready next(Connection c, String connector) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT p.clone_id, p.seq, p.identity, p.sql, p.statements,"
                + " p.kind"
                + " FROM pgclone.post_data p JOIN pgclone.jobs j ON j.clone_id = p.clone_id AND j.status = 'running'"
                + "   AND j.sink_connector = ?"
                + " WHERE p.status = 'pending'"
                + " AND NOT EXISTS (SELECT 1 FROM unnest(p.needs_topics) nt(topic) WHERE NOT EXISTS (SELECT 1"
                + "   FROM pgclone.tables t WHERE t.clone_id = p.clone_id AND t.topic = nt.topic AND t.status IN ('loaded', 'done')))"
                + " AND NOT EXISTS (SELECT 1 FROM pgclone.post_data d WHERE d.clone_id = p.clone_id"
                + "   AND d.identity = ANY (p.depends_on) AND d.status <> 'done')"
                + " ORDER BY p.seq FOR UPDATE OF p SKIP LOCKED LIMIT 1")) {
            ps.setString(1, connector);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Array a = rs.getArray(5);
                return new Ready(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(6), rs.getString(4),
                        a == null ? null : (String[]) a.getArray());
            }
        }
    }

    static void setStatus(Connection c, String cloneId, int seq, String status, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pgclone.post_data SET status = ?, error = ?,"
                + " finished_at = clock_timestamp() WHERE clone_id = ? AND seq = ?")) {
            ps.setString(1, status);
            ps.setString(2, error);
            ps.setString(3, cloneId);
            ps.setInt(4, seq);
            ps.executeUpdate();
        }
    }

    /** A start-over: what depends on the rows (sequence values, refreshes) runs again. */
    static void requeueDataDependent(Connection c, String cloneId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pgclone.post_data SET status = 'pending'"
                + " WHERE clone_id = ? AND kind IN ('sequence-value', 'refresh')")) {
            ps.setString(1, cloneId);
            ps.executeUpdate();
        }
    }

    /**
     * Skips the pending objects that depend on any of {@code gone} (identities that will not exist); returns them,
     * for the next round and the warnings.
     */
    static List<Skipped> skipDependents(Connection c, String cloneId, List<String> gone) throws SQLException {
        List<Skipped> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE pgclone.post_data SET status = 'skipped',"
                + " error = 'needs ' || ?, finished_at = clock_timestamp() WHERE clone_id = ? AND status = 'pending'"
                + " AND depends_on && ?::text[] RETURNING kind, identity")) {
            ps.setString(1, String.join(", ", gone));
            ps.setString(2, cloneId);
            ps.setArray(3, c.createArrayOf("text", gone.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Skipped(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }
}
