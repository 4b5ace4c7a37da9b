package io.pgclone.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** pgclone.progress(job), pgclone.jobs() and pgclone.jobs_view, sampled while a clone runs and read after it. */
class ProgressViewIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldReportProgressWhileCloningAndCompletionAfter() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "progsrc");
        String tgt = Databases.fresh(pg, "progtgt");
        pg.execute(src, "CREATE TABLE public.items (id bigint PRIMARY KEY, label text)");
        pg.execute(src, "INSERT INTO public.items SELECT g, 'item ' || g FROM generate_series(1, 1000000) g");
        pg.execute(src, "ANALYZE public.items");
        String prefix = CloneHarness.uniquePrefix("prog");

        List<JsonNode> samples = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                JsonNode p = progress(pg, tgt, "SELECT pgclone.progress('" + prefix + "')::text");
                if (p != null && !p.isNull()) {
                    samples.add(p);
                }
                sleep(100);
            }
        });
        sampler.start();
        try {
            CloneHarness.cloneTables(prefix, pg, src, pg, tgt, "public.items", Map.of(),
                    c -> c.with("chunk.pages", "256").with("tasks.max", "1"));
        } finally {
            running.set(false);
            sampler.join();
        }

        assertThat(samples).as("progress samples").isNotEmpty();
        assertThat(samples).as("a sample between start and end").anyMatch(s ->
                s.get("percent").asDouble() > 0 && s.get("percent").asDouble() < 100 && s.get("status").asText().equals("running"));
        long last = -1;
        for (JsonNode s : samples) {
            assertThat(s.get("rows_copied").asLong()).as("rows_copied never goes back").isGreaterThanOrEqualTo(last);
            last = s.get("rows_copied").asLong();
        }
        assertThat(samples).anyMatch(s -> s.hasNonNull("current_table") && s.get("current_table").asText().equals("public.items"));

        JsonNode done = progress(pg, tgt, "SELECT pgclone.progress('" + prefix + "')::text");
        assertThat(done.get("job_id").asText()).isEqualTo(prefix);
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("phase").asText()).isEqualTo("done");
        assertThat(done.get("tables_completed").asInt()).isEqualTo(1);
        assertThat(done.get("tables_total").asInt()).isEqualTo(1);
        assertThat(done.get("rows_copied").asLong()).isEqualTo(1_000_000);
        assertThat(done.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(done.get("elapsed_ms").asLong()).isPositive();
        assertThat(done.get("snapshot_consistent").asBoolean()).isTrue();

        JsonNode jobs = progress(pg, tgt, "SELECT pgclone.jobs()::text");
        assertThat(jobs.isArray()).isTrue();
        assertThat(jobs).anyMatch(j -> j.get("job_id").asText().equals(prefix));
        try (Connection c = pg.connect(tgt); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT progress, tables FROM pgclone.jobs_view WHERE job_id = '" + prefix + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).matches("\\[█{20}\\] 100\\.0% \\| 1000000 rows \\| \\d\\d:\\d\\d:\\d\\d elapsed");
            assertThat(rs.getString(2)).isEqualTo("1/1");
        }
    }

    private static JsonNode progress(PostgresServer pg, String db, String sql) {
        try (Connection c = pg.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            String v = rs.getString(1);
            return v == null ? null : JSON.readTree(v);
        } catch (Exception e) {
            return null; // the state schema is not there yet
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
