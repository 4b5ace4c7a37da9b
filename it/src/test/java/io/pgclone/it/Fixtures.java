package io.pgclone.it;

import io.pgclone.stack.PostgresServer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** SQL fixtures from src/test/resources/fixtures, and the roles they use. */
final class Fixtures {
    private Fixtures() {
    }

    /**
     * A row filter that makes every chunk read take {@code seconds}: a function declared STABLE (as a filter may call)
     * that sleeps once per query, created on the source by {@link #SLOW_FILTER_FUNCTION}. Row filters may not call
     * pg_sleep itself, which is volatile.
     */
    static String slowFilter(String table, int seconds) {
        return "{\"" + table + "\": {\"where\": \"(SELECT public.pgclone_test_wait(" + seconds + ")) IS NOT NULL\"}}";
    }

    static final String SLOW_FILTER_FUNCTION = "CREATE FUNCTION public.pgclone_test_wait(seconds int) RETURNS boolean"
            + " STABLE PARALLEL SAFE LANGUAGE plpgsql AS $$BEGIN PERFORM pg_sleep(seconds); RETURN true; END$$";

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name + " not found", e);
        }
    }

    /** The DDL fixture for what both servers support. */
    static void loadDdl(PostgresServer source, String db, int oldestMajor) throws SQLException {
        run(source, db, read("ddl-14.sql"));
        if (oldestMajor >= 15) {
            run(source, db, read("ddl-15.sql"));
        }
        if (oldestMajor >= 18) {
            run(source, db, read("ddl-18.sql"));
        }
    }

    static void run(PostgresServer pg, String db, String sql) throws SQLException {
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The first column of the first row of a query, as text (null without a row). */
    static String query(PostgresServer pg, String db, String sql) {
        try (Connection c = pg.connect(db); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("on database " + db + ": " + e.getMessage(), e);
        }
    }

    /**
     * Terminates the connection that holds a clone's exported snapshot, on a thread of its own, once a query on the
     * target counts more than zero (a first chunk committed, the catalog applied...); {@link SnapshotKiller#await()}
     * says whether it did.
     */
    static final class SnapshotKiller {
        private final java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        private final Thread thread;

        SnapshotKiller(PostgresServer pg, String target, String cloneId, String readyCount) {
            thread = new Thread(() -> {
                io.pgclone.testkit.Await.until(readyCount, java.time.Duration.ofMinutes(2), () -> {
                    try {
                        return Integer.parseInt(query(pg, target, readyCount)) > 0;
                    } catch (IllegalStateException e) {
                        return false; // the state schema is not there yet
                    }
                });
                killed.set("t".equals(query(pg, "postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE application_name = 'pgclone snapshot " + cloneId + "'")));
            });
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits for the killer (at most two minutes); whether it terminated the snapshot's connection. */
        boolean await() throws InterruptedException {
            thread.join(java.time.Duration.ofMinutes(2).toMillis());
            return killed.get();
        }
    }

    /** Roles are server-wide: created once per server, on both sides, like clone_roles would. */
    static void roles(PostgresServer... servers) throws SQLException {
        for (PostgresServer pg : servers) {
            run(pg, "postgres", "DO $$ BEGIN"
                    + " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_owner') THEN CREATE ROLE app_owner; END IF;"
                    + " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_reader') THEN CREATE ROLE app_reader; END IF;"
                    + " END $$");
        }
    }
}
