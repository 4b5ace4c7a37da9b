package io.pgclone.cli;

import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Await;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import io.pgclone.testkit.TableComparison;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** pgclone clone, then cancel from another process, status, resume to the end, clear: the CLI's job lifecycle. */
class CancelResumeIT {

    @Test
    void shouldFinishIdenticalAfterCancelThenResume() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "cancelsrc");
        String tgt = Databases.fresh(pg, "canceltgt");
        pg.execute(src, "CREATE TABLE public.orders (id bigint PRIMARY KEY, customer int, note text, total numeric(12,2))");
        pg.execute(src, "INSERT INTO public.orders SELECT g, g % 5000, 'order ' || g || repeat('.', g % 50),"
                + " (g % 100000) / 100.0 FROM generate_series(1, 1500000) g");
        pg.execute(src, "ANALYZE public.orders");
        String cloneId = "cancel" + ProcessHandle.current().pid();
        String source = pg.conninfo(src);
        String target = pg.conninfo(tgt);

        CompletableFuture<CliProcess.Result> first = CompletableFuture.supplyAsync(() -> run(600, "clone",
                "--source", source, "--target", target, "--table", "public.orders", "--clone-id", cloneId,
                "--chunk-pages", "256", "--format", "json", "--no-progress"));
        Await.until("some chunks committed before the cancel", Duration.ofMinutes(3),
                () -> committedChunks(pg, tgt, cloneId) >= 2, () -> first.isDone() ? first.join().stdout() : "");
        CliProcess.Result cancel = run(60, "cancel", "--target", target, "--clone-id", cloneId);
        assertThat(cancel.exitCode()).as(cancel.stderr()).isZero();
        CliProcess.Result cancelled = first.get();
        assertThat(cancelled.exitCode()).as("exit code of the cancelled clone: %s", cancelled.stderr()).isEqualTo(3);
        assertThat(cancelled.stderr()).contains("pgclone resume --clone-id " + cloneId);

        CliProcess.Result status = run(60, "status", "--target", target, "--clone-id", cloneId);
        assertThat(status.stdout()).contains(cloneId + "  cancelled");
        CliProcess.Result json = run(60, "status", "--target", target, "--clone-id", cloneId, "--json");
        assertThat(json.stdout()).contains("\"status\": \"cancelled\"").contains("\"tables_total\": 1");

        // the first run's secrets file went with it: the source password is given again (or PGPASSWORD, ~/.pgpass)
        assertThat(Path.of(System.getProperty("user.home"), ".pgclone", "clones", cloneId, "secrets.properties")).doesNotExist();
        CliProcess.Result noPassword = run(120, "resume", "--target", target, "--clone-id", cloneId, "--no-progress");
        assertThat(noPassword.exitCode()).as(noPassword.stdout()).isEqualTo(2);
        assertThat(noPassword.stderr()).contains("--source: the server at").contains("asks user 'postgres' for a password");
        CliProcess.Result resumed = run(600, "resume", "--source", source, "--target", target, "--clone-id", cloneId,
                "--no-progress");
        assertThat(resumed.exitCode()).as("resume: %s\n%s", resumed.stderr(), resumed.stdout()).isZero();
        assertThat(resumed.stdout()).contains("Clone " + cloneId + " done: 1 table(s), 1,500,000 rows");
        try (Connection s = pg.connect(src); Connection t = pg.connect(tgt)) {
            assertThat(TableComparison.count(t, "public.orders")).isEqualTo(1_500_000);
            assertThat(TableComparison.checksum(t, "public.orders")).isEqualTo(TableComparison.checksum(s, "public.orders"));
        }
        assertThat(run(60, "status", "--target", target, "--clone-id", cloneId).stdout())
                .contains("[████████████████████] 100.0% | 1500000 rows |");

        CliProcess.Result clear = run(60, "clear", "--target", target, "--clone-id", cloneId);
        assertThat(clear.stdout()).contains("Cleared clone " + cloneId);
        assertThat(run(60, "status", "--target", target).stdout()).contains("No clones recorded");
    }

    private static CliProcess.Result run(long timeout, String... args) {
        try {
            return CliProcess.run(timeout, args);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long committedChunks(PostgresServer pg, String db, String cloneId) {
        try (Connection c = pg.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pgclone.chunks WHERE clone_id = '" + cloneId + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }
}
