package io.pgclone.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The OS user PostgreSQL runs as. PostgreSQL refuses to run as root, so when this JVM is root the server runs as
 * {@code postgres} (or a {@code pgclone} system user created on first use) through {@code runuser}; otherwise it
 * runs as the current user.
 */
final class ServerUser {
    private static final String FALLBACK_USER = "pgclone";

    private final String name; // null: the current user

    private ServerUser(String name) {
        this.name = name;
    }

    static synchronized ServerUser forThisProcess() {
        if (!isRoot()) {
            return new ServerUser(null);
        }
        if (Commands.succeeds(List.of("id", "-u", "postgres"))) {
            return new ServerUser("postgres");
        }
        if (!Commands.succeeds(List.of("id", "-u", FALLBACK_USER))) {
            Commands.run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                    FALLBACK_USER), null, Map.of(), 30);
        }
        return new ServerUser(FALLBACK_USER);
    }

    /** The command prefixed so that it runs as the server user. */
    List<String> command(List<String> command) {
        if (name == null) {
            return command;
        }
        List<String> c = new ArrayList<>(List.of("runuser", "-u", name, "--"));
        c.addAll(command);
        return c;
    }

    /** Gives the server user ownership of a directory tree it must write to. */
    void own(Path dir) {
        if (name == null) {
            return;
        }
        try {
            UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    Files.setOwner(p, owner);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + dir + " to user " + name, e);
        }
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            // not Linux: fall through to the user name
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
