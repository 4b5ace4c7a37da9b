package io.pgclone.testkit;

import io.pgclone.stack.LocalStack;
import io.pgclone.stack.PostgresServer;
import io.pgclone.stack.SchemaRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Real servers shared by all tests of one JVM: one PostgreSQL per major version and one broker + worker, started on
 * first use and stopped when the JVM exits. Tests isolate themselves with fresh databases and unique topic prefixes.
 */
public final class Servers {
    /** System property naming the directory that holds the built plugin folder (set by the build for ITs). */
    public static final String PLUGIN_PATH_PROPERTY = "pgclone.plugin.path";

    private static final Map<Integer, PostgresServer> POSTGRES = new HashMap<>();
    private static LocalStack stack;
    private static SchemaRegistry registry;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Servers::stopAll, "pgclone-test-servers-stop"));
    }

    private Servers() {
    }

    public static synchronized PostgresServer postgres(int major) {
        return POSTGRES.computeIfAbsent(major, m -> PostgresServer.start(PostgresServer.options().major(m)));
    }

    /** The shared broker and worker, with the built plugin on the worker's plugin path. */
    public static synchronized LocalStack stack() {
        if (stack == null) {
            String dir = System.getProperty("pgclone.stack.dir");
            stack = LocalStack.start(dir == null ? null : Path.of(dir, "stack-" + ProcessHandle.current().pid()),
                    pluginPath(), o -> o.heap("1g").jmx());
        }
        return stack;
    }

    /** The directories, comma-separated in the system property, holding the built plugin folders. */
    public static List<Path> pluginPath() {
        String p = System.getProperty(PLUGIN_PATH_PROPERTY);
        List<Path> dirs = p == null ? List.of()
                : Arrays.stream(p.split(",")).map(String::trim).map(Path::of).toList();
        if (dirs.isEmpty() || !dirs.stream().allMatch(Files::isDirectory)) {
            throw new IllegalStateException("system property " + PLUGIN_PATH_PROPERTY + " must name the directories"
                    + " holding the built plugin folders (run the tests through Maven: ./mvnw verify); it is " + p);
        }
        return dirs;
    }

    /** The shared schema registry (Apicurio, in-memory), started on first use. */
    public static synchronized SchemaRegistry registry() {
        if (registry == null) {
            String dir = System.getProperty("pgclone.stack.dir");
            registry = SchemaRegistry.start(Path.of(dir == null ? System.getProperty("java.io.tmpdir") : dir,
                    "registry-" + ProcessHandle.current().pid()));
        }
        return registry;
    }

    private static synchronized void stopAll() {
        if (stack != null) {
            stack.close();
        }
        if (registry != null) {
            registry.close();
        }
        POSTGRES.values().forEach(PostgresServer::close);
    }
}
