package io.pgclone.cli;

import io.pgclone.stack.LocalStack;

import java.io.PrintStream;
import java.nio.file.Path;

/** The CLI's default Connect cluster: one broker and one worker in child JVMs, removed when the CLI ends. */
final class EmbeddedStack {
    private EmbeddedStack() {
    }

    static LocalStack start(Path workDir, PrintStream out) {
        long t0 = System.nanoTime();
        out.println("Starting an embedded Kafka broker and Connect worker...");
        LocalStack stack = LocalStack.start(workDir, java.util.List.of(CliHome.pluginPath()),
                o -> o.set("plugin.discovery", "service_load"));
        out.printf("  ready in %.1f s (worker %s, logs in %s)%n", (System.nanoTime() - t0) / 1e9,
                stack.worker().url(), stack.dir());
        return stack;
    }
}
