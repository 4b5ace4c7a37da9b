package io.pgclone.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Java main class run in its own JVM on this JVM's classpath, with output to a log file. */
public final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Path logFile;
    private final List<String> command;
    private Process process;

    private ChildJvm(String name, Path logFile, List<String> command) {
        this.name = name;
        this.logFile = logFile;
        this.command = command;
    }

    static ChildJvm start(String name, Path logFile, List<String> jvmOptions, String mainClass, List<String> args) {
        return start(name, logFile, Path.of(System.getProperty("java.home")), classpath(), jvmOptions, mainClass, args);
    }

    /** Runs {@code mainClass} with another Java runtime and classpath; this module is added for the watchdog. */
    static ChildJvm start(String name, Path logFile, Path javaHome, String classpath, List<String> jvmOptions,
                          String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin").resolve("java").toString());
        cmd.add("-cp");
        cmd.add(classpath + File.pathSeparator + ownLocation());
        cmd.addAll(jvmOptions);
        cmd.add(ChildMain.class.getName());
        cmd.add(Long.toString(ProcessHandle.current().pid()));
        cmd.add(mainClass);
        cmd.addAll(args);
        ChildJvm jvm = new ChildJvm(name, logFile, cmd);
        jvm.launch();
        return jvm;
    }

    /** Where ChildMain is loaded from (a jar, or a classes directory in a build). */
    private static String ownLocation() {
        try {
            return Path.of(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String classpath() {
        String cp = System.getProperty("pgclone.stack.classpath");
        return cp != null ? cp : System.getProperty("java.class.path");
    }

    /** Starts the same command again (after {@link #kill()} or {@link #stop()}). */
    public synchronized void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(logFile.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL, as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit(30);
        }
    }

    /** SIGTERM and a clean shutdown, SIGKILL after a grace period. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitForExit(30)) {
                kill();
            }
        }
    }

    private boolean waitForExit(long seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines of the log, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }
}
