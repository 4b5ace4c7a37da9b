package io.pgclone.sink;

import io.pgclone.core.catalog.TableDdl;
import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.protocol.CatalogObject;
import io.pgclone.core.protocol.ControlMessage;
import io.pgclone.core.sql.QualifiedName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Applies post-data (primary key) to each table once all its chunks are committed, and marks jobs done. Every sink
 * task runs one; they share the work through {@code FOR UPDATE SKIP LOCKED}, so index builds spread over tasks.
 * Each table's post-data commits in one transaction with its status change.
 */
final class Finisher implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Finisher.class);

    private final ConnInfo info;
    private final String name;
    private volatile boolean stopping;
    private final Object wake = new Object();
    private Connection conn;

    Finisher(ConnInfo info, String name) {
        this.info = info;
        this.name = name;
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
                    conn.setAutoCommit(false);
                }
                while (!stopping && finishOneTable()) {
                    // keep going while there is work
                }
                completeJobs();
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

    private boolean finishOneTable() throws SQLException {
        String cloneId;
        String topic;
        String definition;
        QualifiedName target;
        try (PreparedStatement ps = conn.prepareStatement("SELECT t.clone_id, t.topic, t.target_schema, t.target_name,"
                + " t.definition::text FROM pgclone.tables t WHERE t.status = 'loading' AND t.chunks_total <="
                + " (SELECT count(*) FROM pgclone.chunks c WHERE c.clone_id = t.clone_id AND c.topic = t.topic"
                + "  AND c.chunk < t.chunks_total) FOR UPDATE OF t SKIP LOCKED LIMIT 1")) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    conn.rollback();
                    return false;
                }
                cloneId = rs.getString(1);
                topic = rs.getString(2);
                target = new QualifiedName(rs.getString(3), rs.getString(4));
                definition = rs.getString(5);
            }
        }
        long t0 = System.nanoTime();
        try {
            CatalogObject o = ControlMessage.JSON.readValue(definition, CatalogObject.class);
            String pk = TableDdl.primaryKey(o.table(), target);
            if (pk != null && !hasPrimaryKey(target)) { // a start-over reloads tables that kept their key
                try (Statement st = conn.createStatement()) {
                    st.execute(pk);
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("UPDATE pgclone.tables SET status = 'done',"
                    + " finished_at = clock_timestamp() WHERE clone_id = ? AND topic = ?")) {
                ps.setString(1, cloneId);
                ps.setString(2, topic);
                ps.executeUpdate();
            }
            conn.commit();
            log.info("Clone {}: {} loaded and keyed ({} ms)", cloneId, target, (System.nanoTime() - t0) / 1_000_000);
        } catch (SQLException | java.io.IOException e) {
            conn.rollback();
            String msg = "post-data of " + target + " failed: " + e.getMessage();
            log.error("Clone {}: {}", cloneId, msg);
            try (PreparedStatement ps = conn.prepareStatement("UPDATE pgclone.tables SET status = 'failed'"
                    + " WHERE clone_id = ? AND topic = ?")) {
                ps.setString(1, cloneId);
                ps.setString(2, topic);
                ps.executeUpdate();
            }
            StateStore.failJob(conn, cloneId, msg);
            conn.commit();
        }
        return true;
    }

    private boolean hasPrimaryKey(QualifiedName table) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_constraint"
                + " WHERE conrelid = ?::regclass AND contype = 'p')")) {
            ps.setString(1, table.sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void completeJobs() throws SQLException {
        try (Statement st = conn.createStatement()) {
            int n = st.executeUpdate("UPDATE pgclone.jobs j SET status = 'done', phase = 'done',"
                    + " finished_at = clock_timestamp(), updated_at = clock_timestamp(),"
                    + " snapshot_consistent = (SELECT count(DISTINCT generation) <= 1 FROM pgclone.chunks c"
                    + "   WHERE c.clone_id = j.clone_id)"
                    + " WHERE j.status = 'running' AND j.phase = 'data' AND NOT EXISTS (SELECT 1 FROM pgclone.tables t"
                    + "   WHERE t.clone_id = j.clone_id AND t.status <> 'done')");
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
