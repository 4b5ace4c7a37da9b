package io.pgclone.it;

import io.pgclone.stack.ConnectRestClient;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.CloneJobs;
import io.pgclone.testkit.ConfigFiles;
import io.pgclone.testkit.ConfigFiles.Connector;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tasks' own metrics (rows, bytes, chunks) are visible over the worker's JMX, tagged with connector and task. */
class TaskMetricsIT {

    @Test
    void shouldCountRowsBytesAndChunksOfEachSide() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "metsrc");
        String tgt = Databases.fresh(pg, "mettgt");
        pg.execute(src, "CREATE TABLE public.m (id bigint PRIMARY KEY, label text)");
        pg.execute(src, "INSERT INTO public.m SELECT g, 'row ' || g FROM generate_series(1, 200000) g");
        String prefix = CloneHarness.uniquePrefix("met");
        ConnectRestClient rest = Servers.stack().worker().rest();
        Connector source = ConfigFiles.load("clone-table.json").named(prefix + "-source").connectedTo("source", pg, src)
                .with("topic.prefix", prefix).with("clone.id", prefix).with("tables", "public.m")
                .with("tasks.max", "1").with("chunk.pages", "256");
        Connector sink = ConfigFiles.load("sink.json").named(prefix + "-sink").connectedTo("target", pg, tgt)
                .with("topic.prefix", prefix).with("topics.regex", prefix + "\\..*").with("tasks.max", "1");
        rest.put(sink.name(), sink.config());
        rest.put(source.name(), source.config());
        try {
            CloneJobs.awaitDone(pg, tgt, prefix, Duration.ofMinutes(4), rest, List.of(source.name(), sink.name()));
            long chunks = chunkCount(pg, tgt, prefix);
            try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(Servers.stack().worker().jmxUrl()))) {
                MBeanServerConnection mbs = jmx.getMBeanServerConnection();
                assertThat(metric(mbs, source.name(), "rows-total")).isEqualTo(200_000.0);
                assertThat(metric(mbs, source.name(), "bytes-total")).isGreaterThan(200_000.0 * 10);
                assertThat(metric(mbs, source.name(), "chunks-total")).isEqualTo((double) chunks);
                assertThat(metric(mbs, sink.name(), "rows-total")).isEqualTo(200_000.0);
                assertThat(metric(mbs, sink.name(), "chunks-total")).isEqualTo((double) chunks);
                assertThat(metric(mbs, sink.name(), "rows-rate")).isNotNull();
            }
            assertThat(chunks).isGreaterThan(1);
        } finally {
            rest.delete(source.name());
            rest.delete(sink.name());
        }
    }

    /** The value of a plugin metric of the connector's task 0. */
    private static Double metric(MBeanServerConnection mbs, String connector, String attribute) throws Exception {
        for (ObjectName n : mbs.queryNames(new ObjectName("kafka.connect:*"), null)) {
            if (connector.equals(n.getKeyProperty("connector")) && "0".equals(n.getKeyProperty("task"))) {
                try {
                    return ((Number) mbs.getAttribute(n, attribute)).doubleValue();
                } catch (javax.management.AttributeNotFoundException e) {
                    // another MBean of the task
                }
            }
        }
        throw new AssertionError("no metric " + attribute + " for " + connector + " task 0 among "
                + mbs.queryNames(new ObjectName("kafka.connect:*"), null));
    }

    private static long chunkCount(PostgresServer pg, String db, String cloneId) throws Exception {
        try (var c = pg.connect(db); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM pgclone.chunks WHERE clone_id = '" + cloneId + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
