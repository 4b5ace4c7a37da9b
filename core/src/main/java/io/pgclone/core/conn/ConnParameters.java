package io.pgclone.core.conn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The connection parameters pgclone passes on to the driver, by their libpq names (and, in a JDBC URL, PgJDBC's),
 * each with the values it accepts. Everything else is refused by name: an allowlist, because PgJDBC also takes
 * properties that load classes or write files ({@code socketFactory}, {@code sslfactory}, {@code loggerFile}, ...),
 * which a connection string typed by someone else must never reach.
 */
public final class ConnParameters {
    /** What a value is: checked when parsed ({@code CHOICE}, {@code INT}) or when connecting ({@code FILE}). */
    public enum Kind { CHOICE, INT, TEXT, FILE, SECRET }

    /**
     * One parameter: its libpq name, the PgJDBC property it becomes, and for choices the libpq values mapped to
     * PgJDBC's (an empty map for other kinds).
     */
    public record Spec(String libpq, String jdbc, Kind kind, Map<String, String> choices) {
        /** The PgJDBC value for a value given under the libpq name, or under the PgJDBC name when {@code jdbcName}. */
        String convert(String value, boolean jdbcName) {
            switch (kind) {
                case CHOICE: {
                    if (jdbcName && choices.containsValue(value)) {
                        return value;
                    }
                    String v = choices.get(value.toLowerCase(Locale.ROOT));
                    if (v == null) {
                        throw new IllegalArgumentException("connection parameter " + (jdbcName ? jdbc : libpq) + "='"
                                + value + "' is not one of " + String.join(", ", choices.keySet()));
                    }
                    return v;
                }
                case INT:
                    try {
                        if (Integer.parseInt(value.trim()) < 0) {
                            throw new NumberFormatException();
                        }
                        return value.trim();
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("connection parameter " + (jdbcName ? jdbc : libpq) + "='"
                                + value + "' is not a whole number of seconds");
                    }
                default:
                    return value;
            }
        }
    }

    private static final Map<String, Spec> BY_LIBPQ = new LinkedHashMap<>();
    private static final Map<String, Spec> BY_JDBC = new LinkedHashMap<>();

    static {
        choice("sslmode", "sslmode", "disable", "disable", "allow", "allow", "prefer", "prefer", "require", "require",
                "verify-ca", "verify-ca", "verify-full", "verify-full");
        add("sslrootcert", "sslrootcert", Kind.FILE);
        add("sslcert", "sslcert", Kind.FILE);
        add("sslkey", "sslkey", Kind.FILE);
        add("sslpassword", "sslpassword", Kind.SECRET);
        choice("sslnegotiation", "sslNegotiation", "postgres", "postgres", "direct", "direct");
        add("options", "options", Kind.TEXT);
        choice("target_session_attrs", "targetServerType", "any", "any", "read-write", "primary",
                "read-only", "secondary", "primary", "primary", "standby", "secondary", "prefer-standby", "preferSecondary");
        add("connect_timeout", "connectTimeout", Kind.INT);
        // Accepted, and replaced by pgclone's own names, by which its sessions are found on the servers.
        add("application_name", "ApplicationName", Kind.TEXT);
        choice("keepalives", "tcpKeepAlive", "1", "true", "0", "false");
        choice("channel_binding", "channelBinding", "disable", "disable", "prefer", "prefer", "require", "require");
        choice("gssencmode", "gssEncMode", "disable", "disable", "prefer", "prefer", "require", "require");
        add("krbsrvname", "kerberosServerName", Kind.TEXT);
        add("require_auth", "requireAuth", Kind.TEXT);
        choice("load_balance_hosts", "loadBalanceHosts", "disable", "false", "random", "true");
    }

    private ConnParameters() {
    }

    private static void add(String libpq, String jdbc, Kind kind) {
        put(new Spec(libpq, jdbc, kind, Map.of()));
    }

    private static void choice(String libpq, String jdbc, String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        put(new Spec(libpq, jdbc, Kind.CHOICE, m));
    }

    private static void put(Spec s) {
        BY_LIBPQ.put(s.libpq(), s);
        BY_JDBC.put(s.jdbc(), s);
    }

    /** The spec of a parameter given by its libpq name, or by its PgJDBC name where {@code jdbcNames} is allowed. */
    public static Spec lookup(String name, boolean jdbcNames) {
        Spec s = BY_LIBPQ.get(name.toLowerCase(Locale.ROOT));
        if (s == null && jdbcNames) {
            s = BY_JDBC.get(name);
        }
        if (s == null) {
            throw new IllegalArgumentException("connection parameter '" + name + "' is not supported (supported: "
                    + String.join(", ", BY_LIBPQ.keySet()) + ")");
        }
        return s;
    }

    /** The spec of a PgJDBC property name, as stored in {@link ConnInfo#params()}. */
    public static Optional<Spec> byJdbc(String jdbc) {
        return Optional.ofNullable(BY_JDBC.get(jdbc));
    }

    /** Whether the PgJDBC property holds a secret, kept out of configs, logs and messages. */
    public static boolean isSecret(String jdbc) {
        return byJdbc(jdbc).map(s -> s.kind() == Kind.SECRET).orElse(false);
    }

    /** The libpq names, for documentation and messages. */
    public static List<String> names() {
        return List.copyOf(BY_LIBPQ.keySet());
    }
}
