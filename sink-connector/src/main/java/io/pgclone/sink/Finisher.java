package io.pgclone.sink;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.sql.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
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
        StateStore.markLoaded(conn, connector);
        conn.commit();
    }

    /** Runs one post-data object that is ready; false when none is. */
    private boolean runOne() throws SQLException {
        PostDataQueue.Ready next = PostDataQueue.next(conn, connector);
        if (next == null) {
            conn.rollback();
            return false;
        }
        String cloneId = next.cloneId();
        int seq = next.seq();
        String identity = next.identity();
        String sql = next.sql();
        String[] statements = next.statements();
        String kind = next.kind();
        if (!analyze && "analyze".equals(kind)) {
            PostDataQueue.setStatus(conn, cloneId, seq, "skipped", "post.data.analyze=false");
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
            PostDataQueue.setStatus(conn, cloneId, seq, "done", null);
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
            PostDataQueue.setStatus(conn, cloneId, seq, "failed", msg);
            StateStore.failJob(conn, cloneId, msg);
            conn.commit();
        }
        return true;
    }

    private void markDone() throws SQLException {
        int n = StateStore.markDone(conn, connector);
        conn.commit();
        if (n > 0) {
            log.info("{} clone job(s) completed", n);
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
