package io.pgclone.core.conn;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and how to connect to one PostgreSQL server. Parsed from what users type: a libpq conninfo
 * ({@code host=h port=5432 dbname=d user=u password=p}), a URI ({@code postgresql://u:p@h:5432/d?sslmode=require})
 * or a JDBC URL ({@code jdbc:postgresql://h:5432/d?user=u}). Other parameters are checked against
 * {@link ConnParameters} and kept as the PgJDBC properties they become; an unknown one is refused by name.
 */
public final class ConnInfo {
    public static final int DEFAULT_PORT = 5432;

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> params;

    public ConnInfo(String host, int port, String database, String user, String password, Map<String, String> params) {
        this.host = host == null || host.isEmpty() ? "localhost" : host;
        this.port = port <= 0 ? DEFAULT_PORT : port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.params = Map.copyOf(params);
    }

    /** Parses any of the three forms; throws {@link IllegalArgumentException} with the reason. */
    public static ConnInfo parse(String text) {
        String s = Objects.requireNonNull(text, "connection string").trim();
        if (s.startsWith("jdbc:postgresql:")) {
            return parseUri(s.substring("jdbc:".length()), true);
        }
        if (s.startsWith("postgresql://") || s.startsWith("postgres://")) {
            return parseUri(s, false);
        }
        if (s.contains("=")) {
            return parseKeywords(s);
        }
        throw new IllegalArgumentException("not a connection string: expected 'host=... dbname=...', "
                + "'postgresql://host/db' or 'jdbc:postgresql://host/db'");
    }

    private static ConnInfo parseUri(String s, boolean jdbc) {
        String rest = s.substring(s.indexOf("://") + 3);
        if (jdbc && !s.contains("://")) {
            throw new IllegalArgumentException("JDBC URL must look like jdbc:postgresql://host:port/database");
        }
        try {
            URI uri = new URI("postgresql://" + rest);
            Map<String, String> params = new LinkedHashMap<>();
            if (uri.getRawQuery() != null) {
                for (String kv : uri.getRawQuery().split("&")) {
                    if (kv.isEmpty()) {
                        continue;
                    }
                    int eq = kv.indexOf('=');
                    String k = decode(eq < 0 ? kv : kv.substring(0, eq));
                    String v = eq < 0 ? "" : decode(kv.substring(eq + 1));
                    params.put(jdbc || isCore(k) ? k : k.toLowerCase(Locale.ROOT), v);
                }
            }
            String user = params.remove("user");
            String password = params.remove("password");
            String dbname = params.remove("dbname");
            if (uri.getRawUserInfo() != null) {
                String ui = uri.getRawUserInfo();
                int colon = ui.indexOf(':');
                user = decode(colon < 0 ? ui : ui.substring(0, colon));
                if (colon >= 0) {
                    password = decode(ui.substring(colon + 1));
                }
            }
            String path = uri.getRawPath();
            String database = path != null && path.length() > 1 ? decode(path.substring(1)) : dbname;
            String host = uri.getHost();
            if (host == null && uri.getRawAuthority() != null) {
                throw new IllegalArgumentException("cannot read the host in '" + redact(s) + "'");
            }
            return new ConnInfo(host, uri.getPort(), database, user, password, driverParams(params, jdbc));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed connection URI: " + e.getReason());
        }
    }

    /** Percent-encoding that {@link #decode} and PgJDBC both read back (a space as %20, never '+'). */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** libpq keyword/value form: values may be single-quoted, with backslash escaping quote and backslash. */
    private static ConnInfo parseKeywords(String s) {
        Map<String, String> kv = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int keyStart = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String key = s.substring(keyStart, i);
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n || s.charAt(i) != '=') {
                throw new IllegalArgumentException("missing '=' after '" + key + "' in connection string");
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder v = new StringBuilder();
            if (i < n && s.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        v.append(s.charAt(i++));
                    } else if (c == '\'') {
                        closed = true;
                        break;
                    } else {
                        v.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quoted value for '" + key + "' in connection string");
                }
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        c = s.charAt(i++);
                    }
                    v.append(c);
                }
            }
            kv.put(key.toLowerCase(Locale.ROOT), v.toString());
        }
        String host = kv.remove("host");
        String hostaddr = kv.remove("hostaddr");
        String port = kv.remove("port");
        String dbname = kv.remove("dbname");
        String user = kv.remove("user");
        String password = kv.remove("password");
        int p = 0;
        if (port != null && !port.isEmpty()) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port '" + port + "' is not a number");
            }
        }
        return new ConnInfo(hostaddr != null ? hostaddr : host, p, dbname, user, password, driverParams(kv, false));
    }

    private static boolean isCore(String key) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "user", "password", "dbname" -> true;
            default -> false;
        };
    }

    /**
     * The given parameters as PgJDBC properties, each checked against {@link ConnParameters}; in a JDBC URL PgJDBC's
     * own names are accepted too, and {@code ssl=true} means {@code verify-full}, as PgJDBC reads it.
     */
    private static Map<String, String> driverParams(Map<String, String> given, boolean jdbcNames) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (jdbcNames && e.getKey().equals("ssl")) {
                continue;
            }
            ConnParameters.Spec spec = ConnParameters.lookup(e.getKey(), jdbcNames);
            out.put(spec.jdbc(), spec.convert(e.getValue(), jdbcNames && spec.jdbc().equals(e.getKey())));
        }
        String ssl = jdbcNames ? given.get("ssl") : null;
        if (ssl != null && !out.containsKey("sslmode")) {
            out.put("sslmode", Boolean.parseBoolean(ssl) || ssl.isEmpty() ? "verify-full" : "disable");
        }
        return out;
    }

    /** A copy with the given parts replaced where they are not null. */
    public ConnInfo with(String host, Integer port, String database, String user, String password) {
        return new ConnInfo(host != null ? host : this.host, port != null ? port : this.port,
                database != null ? database : this.database, user != null ? user : this.user,
                password != null ? password : this.password, params);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Map<String, String> params() {
        return params;
    }

    public String jdbcUrl() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/"
                + encode(database == null ? "postgres" : database);
    }

    /** PgJDBC properties: the credentials and the checked parameters, with what a PEM client key needs. */
    public Properties jdbcProperties() {
        Properties p = new Properties();
        params.forEach(p::setProperty);
        String key = params.get("sslkey");
        if (key != null) {
            try {
                ClientKeyFile.pemAlgorithm(Path.of(key)).ifPresent(a -> p.setProperty("pemKeyAlgorithm", a));
            } catch (IllegalArgumentException e) { // InvalidPathException included
                // checked where the setting was read; the driver's own error says the rest
            }
        }
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    /** What is wrong with each file the connection names, by PgJDBC property name; empty when all are usable. */
    public Map<String, String> fileProblems() {
        Map<String, String> problems = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            boolean file = ConnParameters.byJdbc(k).map(spec -> spec.kind() == ConnParameters.Kind.FILE).orElse(false);
            String problem = file ? fileProblem(k, v) : null;
            if (problem != null) {
                problems.put(k, problem);
            }
        });
        return problems;
    }

    /**
     * What is wrong with a file a TLS parameter names ({@code sslrootcert}, {@code sslcert}, {@code sslkey}), or null:
     * checked before connecting so that the message names the file, not a handshake that failed.
     */
    public static String fileProblem(String jdbcName, String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            return "'" + file + "' is not a file path";
        }
        if (!Files.isRegularFile(path)) {
            return "file " + file + " does not exist";
        }
        if (!Files.isReadable(path)) {
            return "file " + file + " cannot be read by this process";
        }
        if (jdbcName.equals("sslkey")) {
            try {
                ClientKeyFile.pemAlgorithm(path);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    /** The same connection without its secrets (the password and {@link ConnParameters#isSecret secret parameters}). */
    public ConnInfo withoutSecrets() {
        Map<String, String> kept = new LinkedHashMap<>(params);
        kept.keySet().removeIf(ConnParameters::isSecret);
        return new ConnInfo(host, port, database, user, null, kept);
    }

    /** The secret parameters (PgJDBC names), without the password. */
    public Map<String, String> secretParams() {
        Map<String, String> secrets = new LinkedHashMap<>(params);
        secrets.keySet().removeIf(k -> !ConnParameters.isSecret(k));
        return secrets;
    }

    /** A copy with one PgJDBC property set (or removed when {@code value} is null). */
    public ConnInfo withParam(String jdbcName, String value) {
        Map<String, String> m = new LinkedHashMap<>(params);
        if (value == null) {
            m.remove(jdbcName);
        } else {
            m.put(jdbcName, value);
        }
        return new ConnInfo(host, port, database, user, password, m);
    }

    /** A JDBC URL carrying every non-secret parameter, which {@link #parse} reads back to the same connection. */
    public String jdbcUrlWithParams() {
        StringBuilder sb = new StringBuilder(jdbcUrl());
        char sep = '?';
        Map<String, String> all = new LinkedHashMap<>();
        if (user != null) {
            all.put("user", user);
        }
        params.forEach((k, v) -> {
            if (!ConnParameters.isSecret(k)) {
                all.put(k, v);
            }
        });
        for (Map.Entry<String, String> e : all.entrySet()) {
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    /** For logs and messages: never includes the password. */
    @Override
    public String toString() {
        return (user != null ? user + "@" : "") + host + ":" + port + "/" + database;
    }

    /** A connection string as typed, for messages: see {@link ConnStringRedaction}. */
    public static String redact(String s) {
        return ConnStringRedaction.redact(s);
    }
}
