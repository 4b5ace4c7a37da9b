package io.pgclone.it;

import io.pgclone.stack.ConnectRestClient;
import io.pgclone.stack.LocalStack;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.CloneJobs;
import io.pgclone.testkit.ConfigFiles;
import io.pgclone.testkit.ConfigFiles.Connector;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import io.pgclone.testkit.TableComparison;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Five million rows through a worker limited to 256 MiB of heap: the clone completes, and the heap left after
 * garbage collection stays flat from the first quarter of the clone to its end. The samples are written to
 * target/memory-bound.txt.
 */
class MemoryBoundIT {
    private static final long ROWS = 5_000_000;

    /** One sample: rows committed on the target, old-generation bytes after the last collection, heap used. */
    private record Sample(long rows, long oldAfterGc, long heapUsed) {
    }

    @Test
    void shouldCloneFiveMillionRowsInA256MiBWorkerWithFlatHeap() throws Exception {
        PostgresServer source = Servers.postgres(17);
        PostgresServer target = Servers.postgres(17);
        String sourceDb = Databases.fresh(source, "memsrc");
        String targetDb = Databases.fresh(target, "memtgt");
        source.execute(sourceDb, "CREATE TABLE public.big (id bigint PRIMARY KEY, grp int, label text, amount numeric(12,2),"
                + " at timestamptz)");
        source.execute(sourceDb, "INSERT INTO public.big SELECT g, g % 97, 'label ' || g, (g % 100000) / 100.0,"
                + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second' FROM generate_series(1, " + ROWS + ") g");
        source.execute(sourceDb, "ANALYZE public.big");

        String dir = System.getProperty("pgclone.stack.dir", System.getProperty("java.io.tmpdir"));
        List<Sample> samples = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(Path.of(dir, "memory-stack-" + ProcessHandle.current().pid()),
                Servers.pluginPath(), o -> o.set("plugin.discovery", "service_load").heap("256m").jmx())) {
            String prefix = CloneHarness.uniquePrefix("mem");
            ConnectRestClient rest = stack.worker().rest();
            Connector src = ConfigFiles.load("clone-table.json").named(prefix + "-source")
                    .connectedTo("source", source, sourceDb).with("topic.prefix", prefix).with("clone.id", prefix)
                    .with("tables", "public.big").with("tasks.max", "2").with("chunk.pages", "4096");
            Connector sink = ConfigFiles.load("sink.json").named(prefix + "-sink")
                    .connectedTo("target", target, targetDb).with("topic.prefix", prefix)
                    .with("topics.regex", prefix + "\\..*").with("tasks.max", "2");
            AtomicBoolean running = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> sample(stack.worker().jmxUrl(), target, targetDb, prefix, running, samples));
            sampler.start();
            rest.put(sink.name(), sink.config());
            rest.put(src.name(), src.config());
            try {
                CloneJobs.awaitDone(target, targetDb, prefix, Duration.ofMinutes(12), rest, List.of(src.name(), sink.name()));
            } finally {
                running.set(false);
                sampler.join();
                rest.delete(src.name());
                rest.delete(sink.name());
            }
        }
        record(samples);

        try (Connection s = source.connect(sourceDb); Connection t = target.connect(targetDb)) {
            assertThat(TableComparison.count(t, "public.big")).isEqualTo(ROWS);
            assertThat(TableComparison.checksum(t, "public.big")).isEqualTo(TableComparison.checksum(s, "public.big"));
        }
        List<Sample> during = samples.stream().filter(x -> x.rows() > 0 && x.oldAfterGc() > 0).toList();
        assertThat(during).as("heap samples while rows were loading").hasSizeGreaterThan(10);
        long firstQuarter = during.stream().filter(x -> x.rows() <= ROWS / 4).mapToLong(Sample::oldAfterGc).max()
                .orElse(during.get(0).oldAfterGc());
        long lastHalf = during.stream().filter(x -> x.rows() >= ROWS / 2).mapToLong(Sample::oldAfterGc).max().orElse(0);
        assertThat(lastHalf).as("old generation after GC in the second half vs the first quarter (bytes)")
                .isLessThanOrEqualTo(firstQuarter + (32L << 20));
    }

    private static void sample(String jmxUrl, PostgresServer target, String db, String cloneId, AtomicBoolean running,
                               List<Sample> out) {
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(jmxUrl));
             Connection c = target.connect(db)) {
            MBeanServerConnection mbs = jmx.getMBeanServerConnection();
            ObjectName memory = new ObjectName("java.lang:type=Memory");
            ObjectName oldGen = mbs.queryNames(new ObjectName("java.lang:type=MemoryPool,name=*Old Gen*"), null)
                    .iterator().next();
            while (running.get()) {
                CompositeData heap = (CompositeData) mbs.getAttribute(memory, "HeapMemoryUsage");
                CompositeData afterGc = (CompositeData) mbs.getAttribute(oldGen, "CollectionUsage");
                long rows = 0;
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT coalesce(sum(rows), 0) FROM pgclone.chunks WHERE clone_id = '" + cloneId + "'")) {
                    rows = rs.next() ? rs.getLong(1) : 0;
                } catch (java.sql.SQLException e) {
                    // the state schema does not exist yet
                }
                synchronized (out) {
                    out.add(new Sample(rows, afterGc == null ? 0 : (Long) afterGc.get("used"), (Long) heap.get("used")));
                }
                Thread.sleep(500);
            }
        } catch (Exception e) {
            throw new IllegalStateException("sampling the worker's heap failed", e);
        }
    }

    private static void record(List<Sample> samples) throws Exception {
        StringBuilder b = new StringBuilder("# rows committed, old generation after last GC (MiB), heap used (MiB)\n");
        for (Sample s : samples) {
            b.append(s.rows()).append('\t').append(s.oldAfterGc() >> 20).append('\t').append(s.heapUsed() >> 20).append('\n');
        }
        Files.writeString(Path.of("target", "memory-bound.txt"), b.toString());
    }
}
