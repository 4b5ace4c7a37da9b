package io.pgclone.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgclone.stack.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connector JSON files of {@code config/}, as users deploy them, with test values put in place of the
 * example hosts and secrets.
 */
public final class ConfigFiles {
    public static final String CONFIG_DIR_PROPERTY = "pgclone.config.dir";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigFiles() {
    }

    /** A connector document: its name and config. */
    public record Connector(String name, Map<String, String> config) {
        public Connector with(String key, String value) {
            Map<String, String> c = new LinkedHashMap<>(config);
            if (value == null) {
                c.remove(key);
            } else {
                c.put(key, value);
            }
            return new Connector(name, c);
        }

        public Connector named(String newName) {
            return new Connector(newName, config);
        }

        /** Points the {@code side} ("source" or "target") connection settings at a test server and database. */
        public Connector connectedTo(String side, PostgresServer server, String database) {
            return with(side + ".host", server.host()).with(side + ".port", Integer.toString(server.port()))
                    .with(side + ".database", database).with(side + ".user", server.user())
                    .with(side + ".password", server.password());
        }
    }

    public static Path dir() {
        String d = System.getProperty(CONFIG_DIR_PROPERTY);
        if (d == null) {
            throw new IllegalStateException("system property " + CONFIG_DIR_PROPERTY + " is not set");
        }
        return Path.of(d);
    }

    public static Connector load(String file) {
        try {
            JsonNode doc = JSON.readTree(Files.readString(dir().resolve(file)));
            Map<String, String> config = new LinkedHashMap<>();
            doc.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            return new Connector(doc.get("name").asText(), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
