package io.pgclone.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The passwords of one clone run, kept out of the connector configs: the configs hold
 * {@code ${file:<this file>:source.password}} references, which the workers' {@code FileConfigProvider} resolves,
 * and the file itself (mode 0600) exists only while the CLI runs the clone. The config topic, the REST API and the
 * kept work folder therefore never see a password.
 */
final class SecretsFile implements AutoCloseable {
    static final String NAME = "secrets.properties";

    private final Path file;
    private final Map<String, String> values = new LinkedHashMap<>();

    SecretsFile(Path dir) {
        this.file = dir.toAbsolutePath().resolve(NAME);
    }

    /** Adds a secret and returns the reference a connector config holds instead of it. */
    String reference(String key, String value) {
        values.put(key, value);
        return "${file:" + file + ":" + key + "}";
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    Path path() {
        return file;
    }

    /** Writes the file, readable by this user only; a file already there (another run's) is replaced. */
    void write() {
        if (values.isEmpty()) {
            return;
        }
        Properties p = new Properties();
        p.putAll(values);
        try {
            PrivateDirs.create(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                throw new UserError("cannot write " + file + ": created by someone else meanwhile");
            }
            var text = new StringWriter();
            p.store(text, null);
            // Properties.store adds a date line; nothing else but the entries is written.
            Files.writeString(file, text.toString(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Removes the file: the references cannot be resolved again until {@link #write} runs once more. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("Warning: could not remove " + file + ": " + e.getMessage() + "; remove it by hand");
        }
    }
}
