package io.pgclone.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions pinned in the parent POM, read from a filtered resource. */
public final class Versions {
    private static final Properties PROPS = load();

    private Versions() {
    }

    /** The full version of the Maven PostgreSQL binaries for a major version, e.g. {@code 17.11.0} for 17. */
    public static String postgres(int major) {
        String v = PROPS.getProperty("postgres." + major);
        if (v == null) {
            throw new IllegalArgumentException("PostgreSQL " + major + " is not supported; supported majors: 14 to 18");
        }
        return v;
    }

    public static String kafka() {
        return PROPS.getProperty("kafka");
    }

    public static String project() {
        return PROPS.getProperty("project");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("versions.properties missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
