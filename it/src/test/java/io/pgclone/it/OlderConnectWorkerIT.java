package io.pgclone.it;

import io.pgclone.stack.ConnectRestClient;
import io.pgclone.stack.ConnectWorker;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.CloneJobs;
import io.pgclone.testkit.ConfigFiles;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import io.pgclone.testkit.TableComparison;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oldest Connect the plugin supports (Kafka 3.7, {@code kafka3.version}), run from Kafka's own jars as a
 * platform team runs it, with the built plugin folder on its plugin path and the config/ files posted to it: the
 * clone is exact, and the tasks' metrics, which 3.x workers cannot host (no plugin metrics before 4.1), are on JMX.
 */
class OlderConnectWorkerIT {

    @Test
    void shouldCloneThroughAConnect3WorkerFromTheConfigFiles() throws Exception {
        Path lib = Path.of(System.getProperty("pgclone.connect3.lib", "missing"));
        assertThat(lib.resolve("connect-runtime-" + System.getProperty("pgclone.kafka3.version", "3.7.2") + ".jar"))
                .as("the Connect 3 runtime folder built by compat-connect3").exists();
        PostgresServer pg = Servers.postgres(15);
        String src = Databases.fresh(pg, "old_src");
        String tgt = Databases.fresh(pg, "old_tgt");
        pg.execute(src, "CREATE TABLE public.orders (id bigint PRIMARY KEY, customer text, total numeric(12,2),"
                + " placed timestamptz DEFAULT now())");
        pg.execute(src, "INSERT INTO public.orders (id, customer, total) SELECT g, 'c' || (g % 97), g / 7.0"
                + " FROM generate_series(1, 20000) g");
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("pgclone.stack.dir", "target")), "connect3-");
        ConnectWorker.Options o = ConnectWorker.options(Servers.stack().broker().bootstrapServers(), Servers.pluginPath())
                .classpath(lib + "/*").cluster("connect3-" + ProcessHandle.current().pid()).heap("512m").jmx();
        try (ConnectWorker worker = ConnectWorker.start(dir, o)) {
            assertThat(worker.rest().serverInfo().path("version").asText()).startsWith("3.");
            String prefix = CloneHarness.uniquePrefix("old");
            ConnectRestClient rest = worker.rest();
            ConfigFiles.Connector source = ConfigFiles.load("clone-table.json").named(prefix + "-source")
                    .connectedTo("source", pg, src).with("topic.prefix", prefix).with("clone.id", prefix)
                    .with("tables", "public.orders");
            ConfigFiles.Connector sink = ConfigFiles.load("sink.json").named(prefix + "-sink")
                    .connectedTo("target", pg, tgt).with("topic.prefix", prefix).with("topics.regex", prefix + "\\..*");
            rest.put(sink.name(), sink.config());
            rest.put(source.name(), source.config());
            CloneJobs.awaitDone(pg, tgt, prefix, Duration.ofMinutes(4), rest, List.of(source.name(), sink.name()));
            try (Connection s = pg.connect(src); Connection t = pg.connect(tgt)) {
                assertThat(TableComparison.checksum(t, "public.orders")).isEqualTo(TableComparison.checksum(s, "public.orders"));
            }
            try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(worker.jmxUrl()))) {
                MBeanServerConnection mbs = jmx.getMBeanServerConnection();
                double loaded = 0;
                for (ObjectName n : mbs.queryNames(new ObjectName("kafka.connect:type=pgclone-task-metrics,*"), null)) {
                    if (sink.name().equals(n.getKeyProperty("connector"))) {
                        loaded += (Double) mbs.getAttribute(n, "rows-total");
                    }
                }
                assertThat(loaded).as("rows loaded, as the sink tasks' metrics on JMX say").isEqualTo(20000.0);
            }
            rest.delete(source.name());
            rest.delete(sink.name());
        }
    }
}
