package io.pgclone.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A Kafka Connect worker in distributed mode, in its own JVM, REST on 127.0.0.1. */
public final class ConnectWorker implements AutoCloseable {
    private final Path dir;
    private final int restPort;
    private final ChildJvm jvm;
    private final int jmxPort;

    private ConnectWorker(Path dir, int restPort, ChildJvm jvm, int jmxPort) {
        this.dir = dir;
        this.restPort = restPort;
        this.jvm = jvm;
        this.jmxPort = jmxPort;
    }

    /** The JMX service URL when the worker was started with {@link Options#jmx()}. */
    public String jmxUrl() {
        if (jmxPort == 0) {
            throw new IllegalStateException("the worker was started without JMX");
        }
        return "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi";
    }

    /** Worker settings; {@link #properties()} holds every key written to the worker's properties file. */
    public static final class Options {
        String heap = "1g";
        int jmxPort;
        String classpath;
        final List<String> jvmOptions = new ArrayList<>();
        final Map<String, String> props = new LinkedHashMap<>();

        Options(String bootstrapServers, List<Path> pluginPath) {
            props.put("bootstrap.servers", bootstrapServers);
            props.put("group.id", "pgclone-connect");
            props.put("config.storage.topic", "_connect-configs");
            props.put("offset.storage.topic", "_connect-offsets");
            props.put("status.storage.topic", "_connect-status");
            props.put("config.storage.replication.factor", "1");
            props.put("offset.storage.replication.factor", "1");
            props.put("status.storage.replication.factor", "1");
            props.put("offset.storage.partitions", "5");
            props.put("status.storage.partitions", "1");
            props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
            props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            props.put("key.converter.schemas.enable", "true");
            props.put("value.converter.schemas.enable", "true");
            props.put("offset.flush.interval.ms", "1000");
            // A single worker that restarts should get its connectors back at once, not after 5 minutes, and a
            // crashed worker's members should leave the groups within seconds (defaults: 10 s worker, 45 s consumer).
            props.put("scheduled.rebalance.max.delay.ms", "0");
            props.put("session.timeout.ms", "6000");
            props.put("heartbeat.interval.ms", "2000");
            props.put("consumer.session.timeout.ms", "6000");
            props.put("consumer.heartbeat.interval.ms", "2000");
            // secrets such as the mask's hash key stay in files: ${file:/path/secrets.properties:mask.key}
            props.put("config.providers", "file");
            props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
            props.put("plugin.path", String.join(",", pluginPath.stream().map(Path::toString).toList()));
            props.put("plugin.discovery", "hybrid_fail");
            props.put("producer.max.request.size", Integer.toString(64 << 20));
            props.put("producer.linger.ms", "20");
            props.put("producer.batch.size", Integer.toString(1 << 20));
            props.put("producer.compression.type", "lz4");
            // Bounded fetches keep a sink's memory bounded by bytes; a larger record still comes, alone (KIP-74).
            props.put("consumer.fetch.max.bytes", Integer.toString(16 << 20));
            props.put("consumer.max.partition.fetch.bytes", Integer.toString(4 << 20));
            props.put("consumer.max.poll.records", "4000");
            // Sinks subscribe by regex to topics the source creates later: notice them within seconds.
            props.put("consumer.metadata.max.age.ms", "500");
        }

        /**
         * Runs the worker on another Kafka's jars (e.g. {@code /path/connect-3.7/*}, an older Connect), named as a
         * Java classpath; by default the worker runs on this JVM's classpath.
         */
        public Options classpath(String v) {
            this.classpath = v;
            return this;
        }

        /** Another Connect cluster on the same broker: its own group and internal topics, under {@code name}. */
        public Options cluster(String name) {
            props.put("group.id", name);
            props.put("config.storage.topic", "_" + name + "-configs");
            props.put("offset.storage.topic", "_" + name + "-offsets");
            props.put("status.storage.topic", "_" + name + "-status");
            return this;
        }

        public Options heap(String v) {
            this.heap = v;
            return this;
        }

        /** An extra JVM option (a profiler recording, say). */
        public Options jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Exposes the worker's JMX (its metrics and the JVM's) on 127.0.0.1 without authentication, for tests. */
        public Options jmx() {
            this.jmxPort = FreePorts.pick();
            return this;
        }

        public Options set(String key, String value) {
            props.put(key, value);
            return this;
        }

        public Map<String, String> properties() {
            return props;
        }
    }

    public static Options options(String bootstrapServers, List<Path> pluginPath) {
        return new Options(bootstrapServers, pluginPath);
    }

    public static ConnectWorker start(Path dir, Options o) {
        ConnectWorker worker = launch(dir, o);
        worker.awaitReady();
        return worker;
    }

    /**
     * Starts the worker's JVM without waiting for it (see {@link #awaitReady()}). The broker need not serve yet:
     * the worker waits for it while its own JVM starts and scans plugins.
     */
    public static ConnectWorker launch(Path dir, Options o) {
        try {
            Files.createDirectories(dir);
            int port = FreePorts.pick();
            Map<String, String> props = new LinkedHashMap<>(o.props);
            props.put("listeners", "http://127.0.0.1:" + port);
            props.put("rest.advertised.host.name", "127.0.0.1");
            props.put("rest.advertised.port", Integer.toString(port));
            Path file = dir.resolve("connect-distributed.properties");
            StringBuilder b = new StringBuilder();
            props.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
            Files.writeString(file, b.toString());
            Path log4j = Log4jConfig.write(dir);
            Path log4j1 = Log4jConfig.writeLog4j1(dir);
            List<String> jvmOptions = new ArrayList<>(List.of("-Xmx" + o.heap, "-Dlog4j2.configurationFile=" + log4j,
                    "-Dlog4j.configuration=" + log4j1.toUri()));
            jvmOptions.addAll(o.jvmOptions);
            if (o.jmxPort > 0) {
                jvmOptions.addAll(List.of("-Dcom.sun.management.jmxremote.port=" + o.jmxPort,
                        "-Dcom.sun.management.jmxremote.rmi.port=" + o.jmxPort,
                        "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                        "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false"));
            }
            ChildJvm jvm = o.classpath == null
                    ? ChildJvm.start("connect worker", dir.resolve("worker.log"), jvmOptions,
                            "org.apache.kafka.connect.cli.ConnectDistributed", List.of(file.toString()))
                    : ChildJvm.start("connect worker", dir.resolve("worker.log"), Path.of(System.getProperty("java.home")),
                            o.classpath, jvmOptions, "org.apache.kafka.connect.cli.ConnectDistributed",
                            List.of(file.toString()));
            return new ConnectWorker(dir, port, jvm, o.jmxPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Connect worker", e);
        }
    }

    /** Waits until the worker answers REST calls and has joined its group (three minutes at most). */
    public void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        ConnectRestClient rest = rest();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException("the Connect worker exited during start-up:\n" + jvm.logTail());
            }
            try {
                rest.serverInfo();
                rest.connectors(); // answers only once the worker has joined its group
                return;
            } catch (RuntimeException e) {
                last = e;
                KafkaBroker.sleep(300);
            }
        }
        throw new IllegalStateException("the Connect worker did not become ready in 180 s: " + last + "\n" + jvm.logTail());
    }

    public String url() {
        return "http://127.0.0.1:" + restPort;
    }

    public ConnectRestClient rest() {
        return new ConnectRestClient(url());
    }

    public Path dir() {
        return dir;
    }

    public ChildJvm jvm() {
        return jvm;
    }

    /** SIGKILL the worker (a crash), then start it again with the same settings and wait for its REST API. */
    public void crashAndRestart() {
        jvm.kill();
        jvm.launch();
        awaitReady();
    }

    @Override
    public void close() {
        jvm.stop();
    }
}
