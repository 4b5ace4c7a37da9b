package io.pgclone.cli;

import io.pgclone.stack.LocalStack;
import io.pgclone.stack.SchemaRegistry;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The CLI's default Connect cluster: one broker and one worker in child JVMs and, for Avro, a schema registry
 * started alongside; all removed when the CLI ends.
 */
final class EmbeddedStack implements AutoCloseable {
    private final LocalStack stack;
    private final SchemaRegistry registry;

    private EmbeddedStack(LocalStack stack, SchemaRegistry registry) {
        this.stack = stack;
        this.registry = registry;
    }

    static EmbeddedStack start(Path workDir, boolean avro, PrintStream out) {
        long t0 = System.nanoTime();
        boolean withRegistry = avro && SchemaRegistry.java21().isPresent();
        if (avro && !withRegistry) {
            out.println("Note: Avro needs the schema registry, which needs Java 21+; none found, so records are JSON"
                    + " (set PGCLONE_JAVA21_HOME to use Avro).");
        }
        out.println("Starting an embedded Kafka broker and Connect worker" + (withRegistry ? " and schema registry" : "") + "...");
        Path base = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "pgclone-cli-" + ProcessHandle.current().pid());
        CompletableFuture<SchemaRegistry> registry = withRegistry
                ? CompletableFuture.supplyAsync(() -> SchemaRegistry.start(base.resolve("registry")))
                : CompletableFuture.completedFuture(null);
        LocalStack stack;
        try {
            stack = LocalStack.start(base.resolve("kafka"), List.of(CliHome.pluginPath()),
                    o -> o.set("plugin.discovery", "service_load"));
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
        out.printf("  ready in %.1f s (worker %s%s, logs in %s)%n", (System.nanoTime() - t0) / 1e9,
                stack.worker().url(), r != null ? ", registry " + r.url() : "", base);
        return new EmbeddedStack(stack, r);
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
}
