package io.pgclone.core.state;

import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sink tasks starting together all find the state schema missing and queue on its bootstrap lock. The ones that
 * waited must not run the DDL again once the first committed it: its ALTER TABLEs take exclusive locks, which
 * wait on (and deadlock with) the CLI reading the progress view.
 */
class StateSchemaIT {

    @Test
    void aTaskThatWaitedForTheFirstTakesNoLockOnTheSchemaItCreated() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String db = Databases.fresh(pg, "state");
        try (Connection first = pg.connect(db); Connection reader = pg.connect(db); Connection late = pg.connect(db)) {
            try (Statement st = first.createStatement()) {
                st.execute("SELECT pg_advisory_lock(" + StateSchema.BOOTSTRAP_LOCK + ")");
            }
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    StateSchema.ensure(late);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitWaitingOnAdvisoryLock(first);

            StateSchema.ensure(first); // the first task creates it (the advisory lock is re-entrant)
            reader.setAutoCommit(false);
            try (Statement st = reader.createStatement()) {
                st.executeQuery("SELECT count(*) FROM pgclone.progress_view").close(); // holds AccessShare locks
            }
            try (Statement st = first.createStatement()) {
                st.execute("SELECT pg_advisory_unlock(" + StateSchema.BOOTSTRAP_LOCK + ")");
            }

            waiting.get(20, TimeUnit.SECONDS); // blocked behind the reader for good if it ran the DDL again
            reader.rollback();
            assertThat(waiting).isCompleted();
        }
    }

    private static void awaitWaitingOnAdvisoryLock(Connection c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                         + " AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the second ensure() never waited on the bootstrap lock");
    }
}
