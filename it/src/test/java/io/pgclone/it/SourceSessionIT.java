package io.pgclone.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.ConfigFiles;
import io.pgclone.testkit.ConfigFiles.Connector;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import io.pgclone.testkit.TableComparison;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Source sessions behave as pg_dump's do: the server's or role's timeouts do not cut the clone's long reads, and
 * every cloned table is locked ACCESS SHARE under the snapshot, so a table another session holds exclusively is
 * named (after lock.timeout.ms, from validate on) instead of leaving the clone waiting, or reading around a DROP.
 */
class SourceSessionIT {
    private final PostgresServer pg = Servers.postgres(17);

    @Test
    void shouldCloneWhenTheSourceDatabaseSetsShortStatementAndIdleTimeouts() throws Exception {
        String src = Databases.fresh(pg, "sess");
        String tgt = Databases.fresh(pg, "sesst");
        pg.execute(src, "CREATE TABLE public.big (id int PRIMARY KEY, pad text);"
                + " INSERT INTO public.big SELECT g, repeat('x', 200) FROM generate_series(1, 300000) g");
        // A COPY of this table takes far longer than 20 ms; the snapshot's keeper idles far longer than 200 ms.
        pg.execute("postgres", "ALTER DATABASE " + src + " SET statement_timeout = '20ms'");
        pg.execute("postgres", "ALTER DATABASE " + src + " SET idle_in_transaction_session_timeout = '200ms'");

        String prefix = CloneHarness.uniquePrefix("sess");
        CloneHarness.cloneTables(prefix, pg, src, pg, tgt, "public.big", Map.of(), c -> c.with("tasks.max", "1"));

        try (Connection a = pg.connect(src); Connection b = pg.connect(tgt); Statement st = a.createStatement()) {
            st.execute("SET statement_timeout = 0");
            assertThat(TableComparison.checksum(b, "public.big")).isEqualTo(TableComparison.checksum(a, "public.big"));
        }
        try (Connection c = pg.connect(tgt); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT snapshot_consistent FROM pgclone.jobs WHERE clone_id = '" + prefix + "'")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("the keeper's snapshot survived").isTrue();
        }
    }

    @Test
    void shouldNameTheTableThatAnotherSessionHoldsExclusively() throws Exception {
        String src = Databases.fresh(pg, "sess");
        pg.execute(src, "CREATE TABLE public.free (id int); CREATE TABLE public.held (id int);"
                + " INSERT INTO public.held VALUES (1)");
        try (Connection holder = pg.connect(src); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE public.held IN ACCESS EXCLUSIVE MODE");

            String prefix = CloneHarness.uniquePrefix("sess");
            Connector c = ConfigFiles.load("clone-table.json").named(prefix + "-source").connectedTo("source", pg, src)
                    .with("topic.prefix", prefix).with("clone.id", prefix).with("tables", "public.free,public.held")
                    .with("lock.timeout.ms", "1000");
            Map<String, String> config = new java.util.HashMap<>(c.config());
            config.put("name", c.name());
            long t0 = System.nanoTime();
            JsonNode result = Servers.stack().worker().rest().validate("io.pgclone.source.PgCloneSourceConnector", config);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
            String errors = result.toString();
            assertThat(errors).contains("cannot lock table public.held on the source: another session holds a"
                    + " conflicting lock on it longer than lock.timeout.ms allows");
            holder.rollback();
        }
    }
}
