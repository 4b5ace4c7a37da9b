package io.pgclone.core.conn;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connection settings of one side ({@code source.} or {@code target.}), defined once for both connectors:
 * a connection string, or host/port/database/user, with the password as a {@link Type#PASSWORD}. Explicit fields
 * override what the connection string says, so the password can live in a config provider while the rest is a URL.
 */
public final class ConnectionConfig {
    public static final String URL = "url";
    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String DATABASE = "database";
    public static final String USER = "user";
    public static final String PASSWORD = "password";
    public static final String CONNECT_TIMEOUT = "connect.timeout.seconds";

    private ConnectionConfig() {
    }

    /** Adds the settings under {@code prefix} (e.g. {@code "source."}) to {@code def}. */
    public static ConfigDef define(ConfigDef def, String prefix, String side, String group) {
        int order = 0;
        return def
                .define(prefix + URL, Type.STRING, null, Importance.HIGH,
                        "Connection to the " + side + " server as a libpq conninfo ('host=h port=5432 dbname=d "
                                + "user=u'), a URI ('postgresql://u@h:5432/d?sslmode=require') or a JDBC URL. "
                                + "Optional when host and database are set; explicit " + prefix + "* settings "
                                + "override its parts.", group, ++order, Width.LONG, "Connection string")
                .define(prefix + HOST, Type.STRING, null, Importance.HIGH,
                        "Host name or address of the " + side + " server.", group, ++order, Width.MEDIUM, "Host")
                .define(prefix + PORT, Type.INT, null, (name, value) -> {
                    if (value != null && ((Integer) value < 1 || (Integer) value > 65535)) {
                        throw new ConfigException(name, value, "must be a port number from 1 to 65535");
                    }
                }, Importance.MEDIUM,
                        "Port of the " + side + " server (default 5432).", group, ++order, Width.SHORT, "Port")
                .define(prefix + DATABASE, Type.STRING, null, Importance.HIGH,
                        "Database on the " + side + " server.", group, ++order, Width.MEDIUM, "Database")
                .define(prefix + USER, Type.STRING, null, Importance.HIGH,
                        "User to connect to the " + side + " server as.", group, ++order, Width.MEDIUM, "User")
                .define(prefix + PASSWORD, Type.PASSWORD, null, Importance.HIGH,
                        "Password of that user. Use a config provider (${file:...}) rather than plain text.",
                        group, ++order, Width.MEDIUM, "Password")
                .define(prefix + CONNECT_TIMEOUT, Type.INT, 10, ConfigDef.Range.between(1, 600), Importance.LOW,
                        "Seconds to wait for a connection to the " + side + " server.", group, ++order,
                        Width.SHORT, "Connect timeout");
    }

    /** The connection described by the settings under {@code prefix}; {@link ConfigException} names the culprit. */
    public static ConnInfo from(AbstractConfig config, String prefix) {
        String url = config.getString(prefix + URL);
        ConnInfo base;
        if (url != null && !url.isBlank()) {
            try {
                base = ConnInfo.parse(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(prefix + URL, ConnInfo.redact(url), e.getMessage());
            }
        } else {
            base = new ConnInfo(null, 0, null, null, null, java.util.Map.of());
            if (config.getString(prefix + HOST) == null) {
                throw new ConfigException(prefix + HOST, null, "set " + prefix + HOST + " (or " + prefix + URL + ")");
            }
        }
        Password pw = config.getPassword(prefix + PASSWORD);
        ConnInfo info = base.with(config.getString(prefix + HOST), config.getInt(prefix + PORT),
                config.getString(prefix + DATABASE), config.getString(prefix + USER), pw == null ? null : pw.value());
        if (info.database() == null || info.database().isBlank()) {
            throw new ConfigException(prefix + DATABASE, null, "set " + prefix + DATABASE + " (or a database in "
                    + prefix + URL + ")");
        }
        if (info.user() == null || info.user().isBlank()) {
            throw new ConfigException(prefix + USER, null, "set " + prefix + USER + " (or a user in " + prefix + URL + ")");
        }
        int timeout = config.getInt(prefix + CONNECT_TIMEOUT);
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>(info.params());
        params.putIfAbsent("connect_timeout", Integer.toString(timeout));
        return new ConnInfo(info.host(), info.port(), info.database(), info.user(), info.password(), params);
    }
}
