package io.pgclone.it;

import io.pgclone.stack.ConnectRestClient;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Await;
import io.pgclone.testkit.ConfigFiles;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A source task that fails leaves the connector running with its exported snapshot open, which holds back vacuum on
 * the source: within {@code snapshot.idle.timeout.ms} of the last task leaving, the snapshot session is gone.
 */
class SnapshotReleaseIT {

    @Test
    void shouldReleaseTheSnapshotWhenNoTaskRuns() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "release_src");
        String tgt = Databases.fresh(pg, "release_tgt");
        pg.execute(src, "CREATE TABLE public.readings (id int PRIMARY KEY, v int)");
        pg.execute(src, "INSERT INTO public.readings SELECT g, g FROM generate_series(1, 2000) g");
        String prefix = CloneHarness.uniquePrefix("release");
        ConnectRestClient rest = Servers.stack().worker().rest();
        // a filter that fails on one row: the task stops, the connector goes on
        ConfigFiles.Connector source = ConfigFiles.load("clone-table.json").named(prefix + "-source")
                .connectedTo("source", pg, src).with("topic.prefix", prefix).with("clone.id", prefix)
                .with("tables", "public.readings").with("tasks.max", "1")
                .with("table.options", "{\"public.readings\": {\"where\": \"100 / (v - 1500) > -1000\"}}")
                .with("snapshot.idle.timeout.ms", "5000");
        ConfigFiles.Connector sink = ConfigFiles.load("sink.json").named(prefix + "-sink")
                .connectedTo("target", pg, tgt).with("topic.prefix", prefix).with("topics.regex", prefix + "\\..*");
        rest.put(sink.name(), sink.config());
        rest.put(source.name(), source.config());
        try {
            Await.until("the connector to export its snapshot", Duration.ofMinutes(1),
                    () -> snapshotSessions(pg, src, prefix) == 1);
            Await.until("the source task to fail on the row that divides by zero", Duration.ofMinutes(2),
                    () -> rest.status(source.name()).path("tasks").path(0).path("state").asText().equals("FAILED"),
                    () -> rest.status(source.name()).toString());
            assertThat(rest.status(source.name()).path("connector").path("state").asText()).isEqualTo("RUNNING");
            long failedAt = System.nanoTime();
            Await.until("the snapshot session to end", Duration.ofSeconds(60), () -> snapshotSessions(pg, src, prefix) == 0,
                    () -> "sessions: " + snapshotSessions(pg, src, prefix));
            assertThat(Duration.ofNanos(System.nanoTime() - failedAt)).as("released within the bound")
                    .isLessThan(Duration.ofSeconds(30));
        } finally {
            rest.delete(source.name());
            rest.delete(sink.name());
        }
    }

    private static long snapshotSessions(PostgresServer pg, String db, String cloneId) {
        try (Connection c = pg.connect(db);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE application_name = 'pgclone snapshot ' || ? AND backend_xmin IS NOT NULL")) {
            ps.setString(1, cloneId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }
}
