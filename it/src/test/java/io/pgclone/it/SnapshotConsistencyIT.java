package io.pgclone.it;

import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Await;
import io.pgclone.testkit.ClientTools;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import io.pgclone.testkit.TableComparison;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pgbench writes to the source throughout the clone; the target must equal the source as of the clone's snapshot,
 * checked with checksums computed inside that very snapshot (imported while the clone holds it).
 */
class SnapshotConsistencyIT {
    private static final List<String> TABLES = List.of("public.pgbench_accounts", "public.pgbench_branches",
            "public.pgbench_tellers", "public.pgbench_history");

    @Test
    void shouldCloneTheSnapshotPointWhilePgbenchWrites() throws Exception {
        PostgresServer source = Servers.postgres(17);
        PostgresServer target = Servers.postgres(17);
        String sourceDb = Databases.fresh(source, "bench");
        String targetDb = Databases.fresh(target, "benchtgt");
        pgbench(source, sourceDb, "-i", "-q", "-s", "10");
        source.execute(sourceDb, "INSERT INTO pgbench_history SELECT 1, 1, g, g, now() FROM generate_series(1, 50000) g");
        Process load = pgbenchProcess(source, sourceDb, "-n", "-c", "2", "-T", "600");
        try {
            Thread.sleep(2000); // the load is running before the clone starts
            String prefix = CloneHarness.uniquePrefix("snap");
            AtomicReference<Map<String, String>> atSnapshot = new AtomicReference<>();
            Thread watcher = new Thread(() -> atSnapshot.set(checksumsInsideTheClonesSnapshot(source, sourceDb, target,
                    targetDb, prefix)));
            watcher.start();
            CloneHarness.cloneTables(prefix, source, sourceDb, target, targetDb, String.join(",", TABLES),
                    Map.of(), c -> c.with("chunk.pages", "1024"));
            watcher.join();
            assertThat(atSnapshot.get()).as("checksums taken inside the clone's snapshot").isNotNull();

            assertThat(load.isAlive()).as("pgbench was still writing when the clone ended").isTrue();
            try (Connection s = source.connect(sourceDb); Connection t = target.connect(targetDb)) {
                boolean sourceMoved = false;
                for (String table : TABLES) {
                    assertThat(TableComparison.checksum(t, table)).as("%s on the target vs the snapshot", table)
                            .isEqualTo(atSnapshot.get().get(table));
                    sourceMoved |= !TableComparison.checksum(s, table).equals(atSnapshot.get().get(table));
                }
                assertThat(sourceMoved).as("the source changed after the snapshot (else this test proves nothing)").isTrue();
            }
        } finally {
            load.destroyForcibly();
        }
    }

    /** Waits for the clone's snapshot id to appear in the target, imports it on the source, checksums every table. */
    private static Map<String, String> checksumsInsideTheClonesSnapshot(PostgresServer source, String sourceDb,
                                                                        PostgresServer target, String targetDb,
                                                                        String cloneId) {
        AtomicReference<String> snapshot = new AtomicReference<>();
        Await.until("the clone's snapshot id in pgclone.jobs", Duration.ofMinutes(2), () -> {
            try (Connection c = target.connect(targetDb); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT snapshot FROM pgclone.jobs WHERE clone_id = '" + cloneId + "'")) {
                if (rs.next()) {
                    snapshot.set(rs.getString(1));
                }
                return snapshot.get() != null;
            } catch (java.sql.SQLException e) {
                return false;
            }
        });
        try (Connection c = source.connect(sourceDb); Statement st = c.createStatement()) {
            st.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            st.execute("SET TRANSACTION SNAPSHOT '" + snapshot.get() + "'");
            Map<String, String> sums = new LinkedHashMap<>();
            for (String table : TABLES) {
                sums.put(table, TableComparison.checksum(c, table));
            }
            st.execute("COMMIT");
            return sums;
        } catch (java.sql.SQLException e) {
            throw new AssertionError("could not import the clone's snapshot " + snapshot.get()
                    + " (the clone released it before this test could; make the table bigger): " + e.getMessage(), e);
        }
    }

    private static void pgbench(PostgresServer pg, String db, String... args) throws Exception {
        Process p = pgbenchProcess(pg, db, args);
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("pgbench %s: %s", String.join(" ", args), out).isZero();
    }

    private static Process pgbenchProcess(PostgresServer pg, String db, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(ClientTools.tool("pgbench").toString(), "-h", pg.host(),
                "-p", Integer.toString(pg.port()), "-U", pg.user()));
        cmd.addAll(List.of(args));
        cmd.add(db);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", pg.password());
        if (args[0].equals("-n")) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        return pb.start();
    }
}
