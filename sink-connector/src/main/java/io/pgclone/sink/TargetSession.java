package io.pgclone.sink;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.conn.TargetDatabase;
import io.pgclone.core.sql.SqlErrors;
import io.pgclone.core.state.StateSchema;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The task's own connection to the target, for its state: prepared at start, each lookup committed at once (so no
 * transaction stays open across {@code put()} calls), and replaced when a failure broke it.
 */
final class TargetSession implements ChunkRouter.Ledger {
    private static final Logger log = LoggerFactory.getLogger(TargetSession.class);

    private final ConnInfo info;
    private final String connector;
    private Connection conn;

    private TargetSession(ConnInfo info, String connector, Connection conn) {
        this.info = info;
        this.connector = connector;
        this.conn = conn;
    }

    /** Connects, creating the database if asked and the state schema if missing. */
    static TargetSession open(PgCloneSinkConfig config, String connector, String controlTopic) {
        ConnInfo info = config.connection();
        try {
            if (config.createDatabase()) {
                TargetDatabase.ensure(config.maintenanceConnection(), info.database());
            }
            Connection c = PgConnections.open(info, "pgclone sink " + connector);
            StateSchema.ensure(c);
            c.setAutoCommit(false);
            StateStore.claimUnownedJobs(c, connector, controlTopic);
            c.commit();
            return new TargetSession(info, connector, c);
        } catch (SQLException e) {
            throw SqlErrors.translate(preparing(info, e), e);
        }
    }

    /** What to tell when the target cannot hold the clone's state, naming the setting to look at. */
    private static String preparing(ConnInfo info, SQLException e) {
        String state = String.valueOf(e.getSQLState());
        if (state.equals("42501")) {
            return "cannot prepare the target: " + PgCloneSinkConfig.PREFIX + "user '" + info.user() + "' may not create"
                    + " the state schema " + StateSchema.SCHEMA + " in database " + info.database() + " (grant it CREATE"
                    + " on the database, or create the schema owned by it)";
        }
        if (state.equals("25006")) {
            return "cannot prepare the target: database " + info.database() + " is read-only for "
                    + PgCloneSinkConfig.PREFIX + "user '" + info.user() + "' (default_transaction_read_only, or a standby)";
        }
        return "cannot prepare the target";
    }

    Connection connection() {
        return conn;
    }

    /**
     * The safe offsets stored in the target. A failure here would fail the task (Connect does not retry open()),
     * so a target that is restarting or unreachable is waited for, up to a minute.
     */
    Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> assigned) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try {
                Map<TopicPartition, Long> stored = StateStore.offsets(conn, connector, assigned);
                conn.commit();
                return stored;
            } catch (SQLException e) {
                if (!SqlErrors.isRetriable(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                log.warn("Sink {}: cannot read the stored offsets ({}); retrying", connector, e.getMessage());
                rollbackQuietly();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                replaceIfBroken();
            }
        }
    }

    @Override
    public TargetTable table(String cloneId, String topic) throws SQLException {
        TargetTable t = StateStore.table(conn, cloneId, topic);
        conn.commit();
        return t;
    }

    @Override
    public Map<Integer, Integer> doneChunks(String cloneId, String topic) throws SQLException {
        Map<Integer, Integer> done = StateStore.doneChunks(conn, cloneId, topic);
        conn.commit();
        return done;
    }

    @Override
    public Generations generations(String cloneId) throws SQLException {
        Generations g = StateStore.generations(conn, cloneId);
        conn.commit();
        return g;
    }

    @Override
    public boolean tableRegistered(String topic) throws SQLException {
        boolean found = StateStore.tableRegistered(conn, topic);
        conn.commit();
        return found;
    }

    /** In-flight rows of open chunks, for progress. */
    void reportLoading(Collection<ChunkLoad> loads) throws SQLException {
        StateStore.reportLoading(conn, loads);
        conn.commit();
    }

    /** Records why the task stops in the jobs it loads, so that status and the CLI show it. */
    void failRunningJobs(String[] topics, String message) {
        try {
            StateStore.failRunningJobs(conn, topics, message);
            conn.commit();
        } catch (SQLException e) {
            log.warn("Sink {}: cannot record the failure in pgclone.jobs: {}", connector, e.getMessage());
        }
    }

    void rollbackQuietly() {
        try {
            conn.rollback();
        } catch (SQLException ignored) {
            // the connection may be gone
        }
    }

    /** Replaces a broken connection; a target still unreachable is left for the next attempt. */
    void replaceIfBroken() {
        boolean valid;
        try {
            valid = conn.isValid(2);
        } catch (SQLException e) {
            valid = false;
        }
        if (!valid) {
            LoadConnections.closeQuietly(conn);
            try {
                conn = PgConnections.open(info, "pgclone sink " + connector);
                conn.setAutoCommit(false);
            } catch (SQLException e) {
                log.warn("Sink {}: target still unreachable: {}", connector, e.getMessage());
            }
        }
    }

    void close() {
        LoadConnections.closeQuietly(conn);
    }
}
