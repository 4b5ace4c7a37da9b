package io.pgclone.it;

import io.pgclone.stack.ConnectRestClient;
import io.pgclone.stack.LocalStack;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.CloneJobs;
import io.pgclone.testkit.ConfigFiles;
import io.pgclone.testkit.ConfigFiles.Connector;
import io.pgclone.testkit.Servers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** Deploys a source and a sink from the config/ files for one clone and waits until the target says it is done. */
final class CloneHarness {
    private static final AtomicInteger RUN = new AtomicInteger();

    private CloneHarness() {
    }

    /** A unique prefix (also the clone id) for one test's topics and connectors. */
    static String uniquePrefix(String what) {
        return what + ProcessHandle.current().pid() + "x" + RUN.incrementAndGet();
    }

    static void cloneTables(String prefix, PostgresServer source, String sourceDb, PostgresServer target,
                            String targetDb, String tables, Map<String, String> bothConnectors,
                            UnaryOperator<Connector> sourceChanges) {
        cloneTables(prefix, source, sourceDb, target, targetDb, tables, bothConnectors, sourceChanges,
                UnaryOperator.identity());
    }

    static void cloneTables(String prefix, PostgresServer source, String sourceDb, PostgresServer target,
                            String targetDb, String tables, Map<String, String> bothConnectors,
                            UnaryOperator<Connector> sourceChanges, UnaryOperator<Connector> sinkChanges) {
        LocalStack stack = Servers.stack();
        ConnectRestClient rest = stack.worker().rest();
        Connector src = ConfigFiles.load("clone-table.json").named(prefix + "-source")
                .connectedTo("source", source, sourceDb).with("topic.prefix", prefix).with("clone.id", prefix)
                .with("tables", tables);
        Connector sink = ConfigFiles.load("sink.json").named(prefix + "-sink")
                .connectedTo("target", target, targetDb).with("topic.prefix", prefix)
                .with("topics.regex", prefix + "\\..*");
        for (Map.Entry<String, String> e : bothConnectors.entrySet()) {
            src = src.with(e.getKey(), e.getValue());
            sink = sink.with(e.getKey(), e.getValue());
        }
        src = sourceChanges.apply(src);
        sink = sinkChanges.apply(sink);
        rest.put(sink.name(), sink.config());
        rest.put(src.name(), src.config());
        try {
            CloneJobs.awaitDone(target, targetDb, prefix, Duration.ofMinutes(4), rest, List.of(src.name(), sink.name()));
        } finally {
            rest.delete(src.name());
            rest.delete(sink.name());
        }
    }
}
