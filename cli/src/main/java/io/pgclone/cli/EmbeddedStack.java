package io.pgclone.cli;

import io.pgclone.stack.ConnectWorker;
import io.pgclone.stack.LocalStack;
import io.pgclone.stack.SchemaRegistry;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The CLI's default Connect cluster, one per clone in its {@link CloneHome} directory: a broker and a worker in child
 * JVMs and, for Avro, a schema registry started alongside. Started fresh for a new clone, or again on its kept data to
 * resume one.
 */
final class EmbeddedStack implements AutoCloseable {
    private final LocalStack stack;
    private final SchemaRegistry registry;
    private final Path dir;

    private EmbeddedStack(LocalStack stack, SchemaRegistry registry, Path dir) {
        this.stack = stack;
        this.registry = registry;
        this.dir = dir;
    }

    static boolean exists(Path dir) {
        return Files.exists(dir.resolve("kafka/broker/data/meta.properties"));
    }

    static EmbeddedStack start(Path dir, boolean avro, boolean resume, PrintStream out) {
        long t0 = System.nanoTime();
        boolean withRegistry = resume ? Files.isDirectory(dir.resolve("registry")) : avro && SchemaRegistry.java21().isPresent();
        if (avro && !withRegistry && !resume) {
            out.println("Note: Avro needs the schema registry, which needs Java 21+; none found, so records are JSON"
                    + " (set PGCLONE_JAVA21_HOME to use Avro).");
        }
        out.println("Starting an embedded Kafka broker and Connect worker" + (withRegistry ? " and schema registry" : "")
                + (resume ? " on the clone's kept data" : "") + "...");
        CompletableFuture<SchemaRegistry> registry = withRegistry
                ? CompletableFuture.supplyAsync(() -> SchemaRegistry.start(dir.resolve("registry")))
                : CompletableFuture.completedFuture(null);
        LocalStack stack;
        try {
            Consumer<ConnectWorker.Options> worker = o -> o.set("plugin.discovery", "service_load");
            stack = resume ? LocalStack.restart(dir.resolve("kafka"), List.of(CliHome.pluginPath()), worker)
                    : LocalStack.start(dir.resolve("kafka"), List.of(CliHome.pluginPath()), worker);
        } catch (RuntimeException e) {
            registry.thenAccept(r -> {
                if (r != null) {
                    r.close();
                }
            });
            throw e;
        }
        SchemaRegistry r;
        try {
            r = registry.join();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        out.printf("  ready in %.1f s (worker %s%s, data and logs in %s)%n", (System.nanoTime() - t0) / 1e9,
                stack.worker().url(), r != null ? ", registry " + r.url() : "", dir);
        return new EmbeddedStack(stack, r, dir);
    }

    LocalStack stack() {
        return stack;
    }

    /** Converter settings for both connectors: Avro through the registry, or nothing (the worker's JSON). */
    Map<String, String> converters() {
        return registry == null ? Map.of() : ConnectorConfigs.avroConverters(registry.registryV2Url());
    }

    String format() {
        return registry == null ? "JSON" : "Avro";
    }

    /** Stops the servers and keeps their data, for a later resume. */
    @Override
    public void close() {
        try {
            stack.close();
        } finally {
            if (registry != null) {
                registry.close();
            }
        }
    }

    /** Stops the servers and removes the clone's directory, which the CLI created ({@link OwnedDirs}). */
    void closeAndDelete() {
        close();
        try {
            OwnedDirs.deleteIfOwned(dir);
        } catch (IOException e) {
            System.err.println("Warning: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
