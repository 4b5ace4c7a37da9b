package io.pgclone.stack;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Apicurio Registry (Maven artifact {@code io.apicurio:apicurio-registry-app:3.3.3:all:tar.gz}) with its H2
 * storage in a file under the given directory, so that a registry started again on it knows its schemas,
 * in its own JVM on 127.0.0.1. It serves a Confluent-compatible API at {@code /apis/ccompat/v7} and Apicurio's own
 * at {@code /apis/registry/v2}. It needs Java 21 or newer: the current runtime when it is, else one found under
 * {@code /usr/lib/jvm} or named by {@code PGCLONE_JAVA21_HOME}.
 */
public final class SchemaRegistry implements AutoCloseable {
    public static final String VERSION = "3.3.3";

    private final int port;
    private final ChildJvm jvm;

    private SchemaRegistry(int port, ChildJvm jvm) {
        this.port = port;
        this.jvm = jvm;
    }

    /** A Java 21+ home to run the registry with, if this machine has one. */
    public static Optional<Path> java21() {
        if (Runtime.version().feature() >= 21) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        String env = System.getenv("PGCLONE_JAVA21_HOME");
        if (env != null && Files.isExecutable(Path.of(env, "bin", "java"))) {
            return Optional.of(Path.of(env));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && featureVersion(h) >= 21)
                    .max((a, b) -> Integer.compare(featureVersion(a), featureVersion(b)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int featureVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not a JDK home
        }
        return 0;
    }

    public static SchemaRegistry start(Path dir) {
        Path java = java21().orElseThrow(() -> new IllegalStateException("Apicurio Registry " + VERSION
                + " needs Java 21 or newer and none was found (set PGCLONE_JAVA21_HOME)"));
        Path home = install();
        int port = FreePorts.pick();
        int management = FreePorts.pick();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildJvm jvm = ChildJvm.start("schema registry", dir.resolve("registry.log"), java,
                home.resolve("quarkus-run.jar").toString(),
                List.of("-Xmx384m", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                        "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + management,
                        "-Dapicurio.datasource.url=jdbc:h2:file:" + dir.toAbsolutePath().resolve("h2/registry")
                                + ";DB_CLOSE_ON_EXIT=FALSE"),
                "io.quarkus.bootstrap.runner.QuarkusEntryPoint", List.of());
        SchemaRegistry r = new SchemaRegistry(port, jvm);
        r.awaitReady(management);
        return r;
    }

    private static Path install() {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "pgclone-apicurio");
        Path target = root.resolve(VERSION);
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        try {
            Files.createDirectories(root);
            try (FileChannel ch = FileChannel.open(root.resolve(VERSION + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                if (Files.exists(target.resolve(".complete"))) {
                    return target;
                }
                Path archive = MavenArtifacts.resolve("io.apicurio", "apicurio-registry-app", VERSION, "all", "tar.gz");
                Path tmp = Files.createTempDirectory(root, VERSION + ".");
                try (InputStream in = new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16))) {
                    PostgresBinaries.untar(in, tmp);
                }
                PostgresBinaries.deleteTree(target);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                Files.createFile(target.resolve(".complete"));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install Apicurio Registry " + VERSION, e);
        }
    }

    private void awaitReady(int managementPort) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException("the schema registry exited during start-up:\n" + jvm.logTail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/health/ready")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            KafkaBroker.sleep(300);
        }
        throw new IllegalStateException("the schema registry did not become ready in 120 s:\n" + jvm.logTail());
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Apicurio's v2 API, which its Connect converter uses. */
    public String registryV2Url() {
        return url() + "/apis/registry/v2";
    }

    /** The Confluent-compatible API, for Confluent's serializers and converters. */
    public String confluentCompatibleUrl() {
        return url() + "/apis/ccompat/v7";
    }

    @Override
    public void close() {
        jvm.stop();
    }
}
