package io.pgclone.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller) in its own JVM, on 127.0.0.1.
 */
public final class KafkaBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final ChildJvm jvm;

    private KafkaBroker(Path dir, int port, ChildJvm jvm) {
        this.dir = dir;
        this.port = port;
        this.jvm = jvm;
    }

    public static KafkaBroker start(Path dir, String heap) {
        KafkaBroker broker = launch(dir, heap);
        broker.awaitReady();
        return broker;
    }

    /** Starts the broker's JVM without waiting for it to serve (see {@link #awaitReady()}). */
    public static KafkaBroker launch(Path dir, String heap) {
        try {
            Files.createDirectories(dir);
            int port = FreePorts.pick();
            int controllerPort = FreePorts.pick();
            Path props = dir.resolve("server.properties");
            Files.writeString(props, properties(dir, port, controllerPort));
            Path log4j = Log4jConfig.write(dir);
            Path log = dir.resolve("broker.log");
            // An existing broker keeps its data and id; a new one is formatted by BrokerMain.
            ChildJvm jvm = ChildJvm.start("kafka broker", log,
                    List.of("-Xmx" + heap, "-Dlog4j2.configurationFile=" + log4j), BrokerMain.class.getName(),
                    List.of(props.toString(), clusterId()));
            return new KafkaBroker(dir, port, jvm);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker", e);
        }
    }

    private static String properties(Path dir, int port, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Rows can be large: allow records up to 64 MiB (producers and consumers are configured to match).
        p.put("message.max.bytes", Integer.toString(64 << 20));
        p.put("replica.fetch.max.bytes", Integer.toString(64 << 20));
        StringBuilder b = new StringBuilder();
        p.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    /**
     * A new cluster id. Kafka's own generator: a random URL-safe base64 id may start with '-', which the storage
     * formatter then reads as an option (one start in 64 failed).
     */
    static String clusterId() {
        return Uuid.randomUuid().toString();
    }

    /** Waits until the broker answers (two minutes at most). */
    public void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited during start-up:\n" + jvm.logTail());
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                sleep(250);
            }
        }
        throw new IllegalStateException("the Kafka broker did not become ready in 120 s: " + last + "\n" + jvm.logTail());
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    public ChildJvm jvm() {
        return jvm;
    }

    /** SIGKILL the broker, then start it again on the same port and data, and wait until it serves. */
    public void crashAndRestart() {
        jvm.kill();
        jvm.launch();
        awaitReady();
    }

    /** A clean stop and start on the same port and data. */
    public void restart() {
        jvm.stop();
        jvm.launch();
        awaitReady();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        jvm.stop();
    }
}
