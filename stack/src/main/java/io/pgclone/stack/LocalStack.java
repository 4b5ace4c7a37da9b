package io.pgclone.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** A single-node Kafka broker and one Connect worker, each in its own JVM: the CLI's embedded mode and the tests'. */
public final class LocalStack implements AutoCloseable {
    private final Path dir;
    private final KafkaBroker broker;
    private final ConnectWorker worker;
    private final boolean deleteOnClose;

    private LocalStack(Path dir, KafkaBroker broker, ConnectWorker worker, boolean deleteOnClose) {
        this.dir = dir;
        this.broker = broker;
        this.worker = worker;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Starts the broker, then the worker with {@code pluginPath} on its plugin path.
     *
     * @param dir        working directory (logs, data); created when missing, emptied first (the stack is not
     *                   persistent), deleted on close when temporary (null)
     * @param pluginPath directories holding plugin folders (pgclone-connect, converters)
     * @param worker     adjustments to the worker's settings (converters, heap)
     */
    public static LocalStack start(Path dir, List<Path> pluginPath, Consumer<ConnectWorker.Options> worker) {
        return start(dir, pluginPath, worker, false);
    }

    /**
     * Starts the stack again on the data an earlier one left in {@code dir}: same topics, connectors, offsets.
     */
    public static LocalStack restart(Path dir, List<Path> pluginPath, Consumer<ConnectWorker.Options> worker) {
        if (!Files.exists(dir.resolve("broker/data/meta.properties"))) {
            throw new IllegalStateException("no stack data in " + dir);
        }
        return start(dir, pluginPath, worker, true);
    }

    private static LocalStack start(Path dir, List<Path> pluginPath, Consumer<ConnectWorker.Options> worker,
                                    boolean keep) {
        boolean temporary = dir == null;
        try {
            if (!temporary && !keep) {
                PostgresBinaries.deleteTree(dir);
            }
            Path d = temporary ? Files.createTempDirectory("pgclone-stack-") : Files.createDirectories(dir);
            // Both JVMs start at once: the worker's start-up overlaps the broker's, and it waits for the broker.
            KafkaBroker broker = KafkaBroker.launch(d.resolve("broker"), "512m");
            ConnectWorker w = null;
            try {
                ConnectWorker.Options o = ConnectWorker.options(broker.bootstrapServers(), pluginPath);
                worker.accept(o);
                w = ConnectWorker.launch(d.resolve("worker"), o);
                broker.awaitReady();
                w.awaitReady();
                return new LocalStack(d, broker, w, temporary);
            } catch (RuntimeException e) {
                if (w != null) {
                    w.close();
                }
                broker.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the stack directory", e);
        }
    }

    public KafkaBroker broker() {
        return broker;
    }

    public ConnectWorker worker() {
        return worker;
    }

    public Path dir() {
        return dir;
    }

    /** Stops both servers and deletes their data, even for a stack started on a given directory. */
    public void closeAndDelete() {
        close();
        try {
            PostgresBinaries.deleteTree(dir);
        } catch (IOException e) {
            // best effort
        }
    }

    @Override
    public void close() {
        try {
            worker.close();
        } finally {
            broker.close();
            if (deleteOnClose) {
                try {
                    PostgresBinaries.deleteTree(dir);
                } catch (IOException e) {
                    // best effort: a temp directory
                }
            }
        }
    }
}
