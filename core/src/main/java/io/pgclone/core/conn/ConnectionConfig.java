package io.pgclone.core.conn;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.util.Map;

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
    public static final String SSL_MODE = "ssl.mode";
    public static final String SSL_ROOT_CERT = "ssl.root.cert";
    public static final String SSL_CERT = "ssl.cert";
    public static final String SSL_KEY = "ssl.key";
    public static final String SSL_KEY_PASSWORD = "ssl.key.password";

    /** The TLS settings and the libpq parameter each one sets, over what the connection string says. */
    private static final Map<String, String> SSL_PARAMS = Map.of(SSL_MODE, "sslmode",
            SSL_ROOT_CERT, "sslrootcert", SSL_CERT, "sslcert", SSL_KEY, "sslkey", SSL_KEY_PASSWORD, "sslpassword");

    private ConnectionConfig() {
    }

    /** Adds the settings under {@code prefix} (e.g. {@code "source."}) to {@code def}. */
    public static ConfigDef define(ConfigDef def, String prefix, String side, String group) {
        int order = 0;
        return def
                .define(prefix + URL, Type.PASSWORD, null, Importance.HIGH,
                        "Connection to the " + side + " server as a libpq conninfo ('host=h port=5432 dbname=d "
                                + "user=u'), a URI ('postgresql://u@h:5432/d?sslmode=require') or a JDBC URL. "
                                + "Optional when host and database are set; explicit " + prefix + "* settings "
                                + "override its parts. Parameters other than libpq's connection and TLS ones are "
                                + "refused. Hidden in logs, as it may hold a password.", group, ++order, Width.LONG, "Connection string")
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
                        Width.SHORT, "Connect timeout")
                .define(prefix + SSL_MODE, Type.STRING, null, (name, value) -> {
                    if (value != null) {
                        ConfigDef.ValidString.in("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
                                .ensureValid(name, value);
                    }
                }, Importance.MEDIUM,
                        "TLS mode, as libpq's sslmode: disable, allow, prefer (the default), require, verify-ca or "
                                + "verify-full (checks the certificate chain and the host name).", group, ++order,
                        Width.SHORT, "TLS mode")
                .define(prefix + SSL_ROOT_CERT, Type.STRING, null, Importance.MEDIUM,
                        "PEM file of the certificate authorities trusted for the " + side + " server (libpq's "
                                + "sslrootcert), read on the worker.", group, ++order, Width.LONG, "TLS root certificates")
                .define(prefix + SSL_CERT, Type.STRING, null, Importance.MEDIUM,
                        "PEM file of the client certificate, for servers that authenticate clients by certificate "
                                + "(libpq's sslcert).", group, ++order, Width.LONG, "TLS client certificate")
                .define(prefix + SSL_KEY, Type.STRING, null, Importance.MEDIUM,
                        "The client certificate's private key (libpq's sslkey): PKCS#8 PEM, or PKCS#8 DER (.pk8), "
                                + "readable by the worker only (mode 0600).", group, ++order, Width.LONG, "TLS client key")
                .define(prefix + SSL_KEY_PASSWORD, Type.PASSWORD, null, Importance.LOW,
                        "Passphrase of an encrypted DER client key (libpq's sslpassword).", group, ++order,
                        Width.MEDIUM, "TLS key passphrase");
    }

    /** The TLS settings (without prefix) and the libpq parameter each one is, for messages to libpq users. */
    public static Map<String, String> tlsParameters() {
        return SSL_PARAMS;
    }

    /** Whether the host comes from the connection string rather than from {@code <prefix>host}. */
    public static boolean fromUrl(AbstractConfig config, String prefix) {
        Password url = config.getPassword(prefix + URL);
        return url != null && !url.value().isBlank() && config.getString(prefix + HOST) == null;
    }

    /** The connection described by the settings under {@code prefix}; {@link ConfigException} names the culprit. */
    public static ConnInfo from(AbstractConfig config, String prefix) {
        Password urlSetting = config.getPassword(prefix + URL);
        String url = urlSetting == null ? null : urlSetting.value();
        ConnInfo base;
        if (url != null && !url.isBlank()) {
            try {
                base = ConnInfo.parse(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(prefix + URL, ConnInfo.redact(url), e.getMessage());
            }
        } else {
            base = new ConnInfo(null, 0, null, null, null, Map.of());
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
        if (info.params().get("connectTimeout") == null) {
            info = info.withParam("connectTimeout", Integer.toString(config.getInt(prefix + CONNECT_TIMEOUT)));
        }
        for (Map.Entry<String, String> e : SSL_PARAMS.entrySet()) {
            Object value = config.values().get(prefix + e.getKey());
            if (value != null) {
                String v = value instanceof Password p ? p.value() : value.toString();
                info = info.withParam(ConnParameters.lookup(e.getValue(), false).jdbc(), v);
            }
        }
        checkFiles(config, info, prefix);
        return info;
    }

    /** Each TLS file named by the connection must be there, and a client key in a form the driver reads. */
    private static void checkFiles(AbstractConfig config, ConnInfo info, String prefix) {
        Map<String, String> problems = info.fileProblems();
        if (!problems.isEmpty()) {
            Map.Entry<String, String> p = problems.entrySet().iterator().next();
            String setting = SSL_PARAMS.entrySet().stream()
                    .filter(e -> ConnParameters.lookup(e.getValue(), false).jdbc().equals(p.getKey())
                            && config.values().get(prefix + e.getKey()) != null)
                    .map(e -> prefix + e.getKey()).findFirst().orElse(prefix + URL);
            throw new ConfigException(setting, info.params().get(p.getKey()), p.getValue());
        }
    }
}
