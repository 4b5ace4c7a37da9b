package io.pgclone.it;

import io.pgclone.stack.ConnectRestClient;
import io.pgclone.stack.LocalStack;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Await;
import io.pgclone.testkit.CloneJobs;
import io.pgclone.testkit.ConfigFiles;
import io.pgclone.testkit.ConfigFiles.Connector;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import io.pgclone.testkit.TableComparison;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kill -9 of the Connect worker at random instants during a clone of multi-chunk tables (with and without a primary
 * key), a crash of the broker, and a restart of the target server: each time the target ends identical to the
 * source. Uses its own broker and worker, since it kills them.
 */
class CrashRecoveryIT {
    private static final int ROWS = 800_000;
    private static final int ROWS_NO_PK = 300_000;
    private static LocalStack stack;

    @BeforeAll
    static void startOwnStack() {
        String dir = System.getProperty("pgclone.stack.dir", System.getProperty("java.io.tmpdir"));
        stack = LocalStack.start(Path.of(dir, "crash-stack-" + ProcessHandle.current().pid()), Servers.pluginPath(),
                o -> o.set("plugin.discovery", "service_load").heap("768m"));
    }

    @AfterAll
    static void stopOwnStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** What was going on at one kill. */
    private record Kill(int index, long chunksCommitted, boolean sourceMidChunk, boolean sinkMidChunk) {
    }

    @Test
    void shouldEndIdenticalAfterTenWorkerKillsAtRandomInstants() throws Exception {
        PostgresServer source = Servers.postgres(17);
        PostgresServer target = Servers.postgres(17);
        String sourceDb = Databases.fresh(source, "crashsrc");
        String targetDb = Databases.fresh(target, "crashtgt");
        createTables(source, sourceDb);
        String prefix = CloneHarness.uniquePrefix("crash");
        List<String> connectors = deploy(prefix, source, sourceDb, target, targetDb);

        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Kill> kills = new ArrayList<>();
        long committed = 0;
        for (int k = 1; k <= 10; k++) {
            long before = committed;
            boolean sourceBusy;
            boolean sinkBusy;
            if (k == 1) {
                // The source reads far ahead of the sink in short COPYs, so random instants rarely find it
                // mid-chunk: the first kill watches closely for a running COPY on the source and falls on it.
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                do {
                    sourceBusy = copyRunning(source, "pgclone task");
                } while (!sourceBusy && System.nanoTime() < deadline);
                sinkBusy = false;
            } else {
                Await.until("a chunk committed since the last kill (seed " + seed + ")", Duration.ofMinutes(3),
                        () -> chunks(target, targetDb, prefix) > before || isDone(target, targetDb, prefix));
                Thread.sleep(random.nextInt(2000));
                assertThat(isDone(target, targetDb, prefix))
                        .as("clone finished after only %d kills (seed %d)", k - 1, seed).isFalse();
                sourceBusy = copyRunning(source, "pgclone task");
                sinkBusy = copyRunning(target, "pgclone load");
                committed = chunks(target, targetDb, prefix);
            }
            stack.worker().jvm().kill();
            kills.add(new Kill(k, committed, sourceBusy, sinkBusy));
            stack.worker().crashAndRestart();
        }
        CloneJobs.awaitDone(target, targetDb, prefix, Duration.ofMinutes(6), stack.worker().rest(), connectors);
        remove(connectors);

        assertIdentical(source, sourceDb, target, targetDb, "public.events", "id");
        assertIdentical(source, sourceDb, target, targetDb, "public.events_nopk", "id, account, note");
        assertThat(kills).as("kills (seed %d)", seed).hasSize(10);
        assertThat(kills).as("a kill while a source task was mid-chunk (seed %d): %s", seed, kills)
                .anyMatch(Kill::sourceMidChunk);
        assertThat(kills).as("a kill while the sink had a chunk open (seed %d): %s", seed, kills)
                .anyMatch(Kill::sinkMidChunk);
        assertThat(CloneJobs.status(target, targetDb, prefix)[0]).isEqualTo("done");
        assertThat(consistent(target, targetDb, prefix)).as("a clone that lost its snapshot says so").isFalse();
    }

    @Test
    void shouldEndIdenticalAfterABrokerCrashMidClone() throws Exception {
        PostgresServer source = Servers.postgres(17);
        PostgresServer target = Servers.postgres(17);
        String sourceDb = Databases.fresh(source, "brokersrc");
        String targetDb = Databases.fresh(target, "brokertgt");
        createTables(source, sourceDb);
        String prefix = CloneHarness.uniquePrefix("broker");
        List<String> connectors = deploy(prefix, source, sourceDb, target, targetDb);

        Await.until("some chunks committed", Duration.ofMinutes(2), () -> chunks(target, targetDb, prefix) >= 3);
        stack.broker().crashAndRestart();
        CloneJobs.awaitDone(target, targetDb, prefix, Duration.ofMinutes(6), stack.worker().rest(), connectors);
        remove(connectors);

        assertIdentical(source, sourceDb, target, targetDb, "public.events", "id");
        assertIdentical(source, sourceDb, target, targetDb, "public.events_nopk", "id, account, note");
    }

    @Test
    void shouldEndIdenticalAfterTheTargetServerRestartsMidClone() throws Exception {
        PostgresServer source = Servers.postgres(17);
        try (PostgresServer target = PostgresServer.start(PostgresServer.options().major(17))) {
            String sourceDb = Databases.fresh(source, "restartsrc");
            String targetDb = Databases.fresh(target, "restarttgt");
            createTables(source, sourceDb);
            String prefix = CloneHarness.uniquePrefix("pgrestart");
            List<String> connectors = deploy(prefix, source, sourceDb, target, targetDb);

            Await.until("some chunks committed", Duration.ofMinutes(2), () -> chunks(target, targetDb, prefix) >= 3);
            boolean sinkBusy = copyRunning(target, "pgclone load");
            target.restart("fast");
            CloneJobs.awaitDone(target, targetDb, prefix, Duration.ofMinutes(6), stack.worker().rest(), connectors);
            remove(connectors);

            assertIdentical(source, sourceDb, target, targetDb, "public.events", "id");
            assertIdentical(source, sourceDb, target, targetDb, "public.events_nopk", "id, account, note");
            assertThat(sinkBusy).as("the target restarted while a chunk was being loaded").isTrue();
        }
    }

    private static void createTables(PostgresServer source, String db) {
        source.execute(db, "CREATE TABLE public.events (id bigint PRIMARY KEY, account int NOT NULL, note text,"
                + " amount numeric(12,2), at timestamptz)");
        source.execute(db, "INSERT INTO public.events SELECT g, g % 1000, 'event ' || g || repeat('x', g % 40),"
                + " (g % 100000) / 100.0, timestamptz '2024-01-01 00:00:00+00' + g * interval '1.000001 second'"
                + " FROM generate_series(1, " + ROWS + ") g");
        source.execute(db, "CREATE TABLE public.events_nopk AS SELECT id, account, note FROM public.events WHERE id <= "
                + ROWS_NO_PK);
        source.execute(db, "ANALYZE public.events, public.events_nopk");
    }

    private static List<String> deploy(String prefix, PostgresServer source, String sourceDb, PostgresServer target,
                                       String targetDb) {
        ConnectRestClient rest = stack.worker().rest();
        Connector src = ConfigFiles.load("clone-table.json").named(prefix + "-source")
                .connectedTo("source", source, sourceDb).with("topic.prefix", prefix).with("clone.id", prefix)
                .with("tables", "public.events,public.events_nopk").with("chunk.pages", "128").with("tasks.max", "2");
        Connector sink = ConfigFiles.load("sink.json").named(prefix + "-sink")
                .connectedTo("target", target, targetDb).with("topic.prefix", prefix)
                .with("topics.regex", prefix + "\\..*").with("tasks.max", "2");
        rest.put(sink.name(), sink.config());
        rest.put(src.name(), src.config());
        return List.of(src.name(), sink.name());
    }

    private static void remove(List<String> connectors) {
        connectors.forEach(stack.worker().rest()::delete);
    }

    private static void assertIdentical(PostgresServer source, String sourceDb, PostgresServer target, String targetDb,
                                        String table, String orderBy) throws SQLException {
        try (Connection s = source.connect(sourceDb); Connection t = target.connect(targetDb)) {
            long rows = TableComparison.count(s, table);
            assertThat(TableComparison.count(t, table)).as("rows of %s", table).isEqualTo(rows);
            assertThat(TableComparison.checksum(t, table)).as("checksum of %s", table)
                    .isEqualTo(TableComparison.checksum(s, table));
            assertThat(TableComparison.differences(s, table, t, table, orderBy)).as("rows of %s", table).isEmpty();
        }
    }

    private static long chunks(PostgresServer target, String db, String cloneId) {
        return queryLong(target, db, "SELECT count(*) FROM pgclone.chunks WHERE clone_id = '" + cloneId + "'");
    }

    private static boolean isDone(PostgresServer target, String db, String cloneId) {
        String[] s = CloneJobs.status(target, db, cloneId);
        return s != null && s[0].equals("done");
    }

    private static boolean consistent(PostgresServer target, String db, String cloneId) {
        return queryLong(target, db, "SELECT snapshot_consistent::int FROM pgclone.jobs WHERE clone_id = '" + cloneId + "'") == 1;
    }

    /** Whether a COPY of ours is running on the server right now (a chunk mid-way on that side). */
    private static boolean copyRunning(PostgresServer server, String applicationPrefix) {
        return queryLong(server, "postgres", "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                + " AND application_name LIKE '" + applicationPrefix + "%' AND query ILIKE 'COPY%'") > 0;
    }

    private static long queryLong(PostgresServer server, String db, String sql) {
        try (Connection c = server.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            return 0; // not created yet
        }
    }
}
