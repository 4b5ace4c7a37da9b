package io.pgclone.sink;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.sql.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs the post-data queue ({@code pgclone.post_data}) of the clones its connector applies, and no other's: each
 * object (key, index, trigger, refresh...) once the tables it needs are loaded and the objects it depends on are
 * done, in its own transaction with its status, each of its statements through {@link SingleStatement}. Every sink
 * task runs one; they share the work through {@code FOR UPDATE SKIP LOCKED}, so index builds spread over tasks.
 * Then marks tables and jobs done.
 */
final class Finisher implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Finisher.class);

    private final ConnInfo info;
    private final String connector;
    private final String name;
    private volatile boolean stopping;
    private final Object wake = new Object();
    private final String maintenanceWorkMem;
    private final boolean analyze;
    private Connection conn;

    /**
     * @param connector          the sink connector whose clones' queues it runs
     * @param maintenanceWorkMem for the index and key builds, or null for the server's setting
     * @param analyze            run the queued ANALYZE of each loaded table (else they are marked skipped)
     */
    Finisher(ConnInfo info, String connector, String maintenanceWorkMem, boolean analyze) {
        this.info = info;
        this.connector = connector;
        this.name = "pgclone post-data " + connector;
        this.maintenanceWorkMem = maintenanceWorkMem;
        this.analyze = analyze;
    }

    void stop() {
        stopping = true;
        nudge();
    }

    /** Looks for work now rather than at the next tick (after a chunk commit). */
    void nudge() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    @Override
    public void run() {
        while (!stopping) {
            try {
                if (conn == null || conn.isClosed()) {
                    conn = PgConnections.open(info, name);
                    if (maintenanceWorkMem != null) { // validated by the config: digits and a unit
                        SingleStatement.execute(conn, "SET maintenance_work_mem = "
                                + Identifiers.literal(maintenanceWorkMem));
                    }
                    conn.setAutoCommit(false);
                }
                markLoaded();
                while (!stopping && runOne()) {
                    // keep going while there is work
                }
                markDone();
            } catch (SQLException e) {
                log.warn("post-data worker: {}", e.getMessage());
                closeQuietly();
            } catch (RuntimeException e) {
                log.error("post-data worker failed", e);
                closeQuietly();
            }
            synchronized (wake) {
                try {
                    wake.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        closeQuietly();
    }

    /** Tables whose every chunk is committed are loaded. */
    private void markLoaded() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE pgclone.tables t SET status = 'loaded'"
                + " WHERE t.status = 'loading' AND t.chunks_total <= (SELECT count(*) FROM pgclone.chunks c"
                + "  WHERE c.clone_id = t.clone_id AND c.topic = t.topic AND c.chunk < t.chunks_total)"
                + " AND t.clone_id IN (SELECT clone_id FROM pgclone.jobs WHERE sink_connector = ?)")) {
            ps.setString(1, connector);
            ps.executeUpdate();
            conn.commit();
        }
    }

    /** Runs one post-data object that is ready; false when none is. */
    private boolean runOne() throws SQLException {
        String cloneId;
        int seq;
        String identity;
        String sql;
        String[] statements;
        String kind;
        try (PreparedStatement ps = conn.prepareStatement("SELECT p.clone_id, p.seq, p.identity, p.sql, p.statements,"
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
                    conn.rollback();
                    return false;
                }
                cloneId = rs.getString(1);
                seq = rs.getInt(2);
                identity = rs.getString(3);
                sql = rs.getString(4);
                Array a = rs.getArray(5);
                statements = a == null ? null : (String[]) a.getArray();
                kind = rs.getString(6);
            }
        }
        if (!analyze && "analyze".equals(kind)) {
            setStatus(cloneId, seq, "skipped", "post.data.analyze=false");
            conn.commit();
            return true;
        }
        long t0 = System.nanoTime();
        try {
            if (statements == null) { // queued by a version that stored one text: run only if it is one statement
                SingleStatement.execute(conn, sql);
            } else {
                for (String statement : statements) {
                    SingleStatement.execute(conn, statement);
                }
            }
            setStatus(cloneId, seq, "done", null);
            conn.commit();
            log.info("Clone {}: {} ({} ms)", cloneId, identity, (System.nanoTime() - t0) / 1_000_000);
        } catch (SQLException e) {
            conn.rollback();
            if (SqlErrors.isRetriable(e)) { // a deadlock between two objects built at once: try again later
                log.info("Clone {}: {} will be retried: {}", cloneId, identity, e.getMessage());
                return false;
            }
            String msg = "cannot create " + identity.replaceFirst(":", " ") + " on the target: " + e.getMessage()
                    + "\nSQL: " + sql;
            log.error("Clone {}: {}", cloneId, msg);
            setStatus(cloneId, seq, "failed", msg);
            StateStore.failJob(conn, cloneId, msg);
            conn.commit();
        }
        return true;
    }

    private void setStatus(String cloneId, int seq, String status, String error) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE pgclone.post_data SET status = ?, error = ?,"
                + " finished_at = clock_timestamp() WHERE clone_id = ? AND seq = ?")) {
            ps.setString(1, status);
            ps.setString(2, error);
            ps.setString(3, cloneId);
            ps.setInt(4, seq);
            ps.executeUpdate();
        }
    }

    /** Loaded tables with no post-data left are done; jobs whose tables are all done, with nothing pending, too. */
    private void markDone() throws SQLException {
        try (PreparedStatement tables = conn.prepareStatement("UPDATE pgclone.tables t SET status = 'done',"
                + " finished_at = clock_timestamp() WHERE t.status = 'loaded' AND NOT EXISTS (SELECT 1 FROM pgclone.post_data p"
                + "  WHERE p.clone_id = t.clone_id AND t.topic = ANY (p.needs_topics) AND p.status NOT IN ('done', 'skipped'))"
                + " AND t.clone_id IN (SELECT clone_id FROM pgclone.jobs WHERE sink_connector = ?)");
             PreparedStatement jobs = conn.prepareStatement("UPDATE pgclone.jobs j SET status = 'done', phase = 'done',"
                    + " finished_at = clock_timestamp(), updated_at = clock_timestamp(),"
                    + " snapshot_consistent = (SELECT count(DISTINCT generation) <= 1 FROM pgclone.chunks c"
                    + "   WHERE c.clone_id = j.clone_id)"
                    + " WHERE j.status = 'running' AND j.phase = 'data' AND j.sink_connector = ?"
                    + " AND NOT EXISTS (SELECT 1 FROM pgclone.tables t WHERE t.clone_id = j.clone_id AND t.status <> 'done')"
                    + " AND NOT EXISTS (SELECT 1 FROM pgclone.post_data p WHERE p.clone_id = j.clone_id"
                    + "   AND p.status NOT IN ('done', 'skipped'))")) {
            tables.setString(1, connector);
            tables.executeUpdate();
            jobs.setString(1, connector);
            int n = jobs.executeUpdate();
            conn.commit();
            if (n > 0) {
                log.info("{} clone job(s) completed", n);
            }
        }
    }

    private void closeQuietly() {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException e) {
                // closing anyway
            }
            conn = null;
        }
    }
}
