package io.pgclone.core.conn;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and how to connect to one PostgreSQL server. Parsed from what users type: a libpq conninfo
 * ({@code host=h port=5432 dbname=d user=u password=p}), a URI ({@code postgresql://u:p@h:5432/d?sslmode=require})
 * or a JDBC URL ({@code jdbc:postgresql://h:5432/d?user=u}). Extra libpq/URI parameters become PgJDBC properties.
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
                    params.put(k, v);
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
            return new ConnInfo(host, uri.getPort(), database, user, password, params);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed connection URI: " + e.getReason());
        }
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
        return new ConnInfo(hostaddr != null ? hostaddr : host, p, dbname, user, password, kv);
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
                + java.net.URLEncoder.encode(database == null ? "postgres" : database, StandardCharsets.UTF_8);
    }

    /** PgJDBC properties: credentials and the extra parameters, libpq names mapped to PgJDBC's. */
    public Properties jdbcProperties() {
        Properties p = new Properties();
        params.forEach((k, v) -> p.setProperty(k.equals("connect_timeout") ? "connectTimeout"
                : k.equals("application_name") ? "ApplicationName" : k, v));
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    /** For logs and messages: never includes the password. */
    @Override
    public String toString() {
        return (user != null ? user + "@" : "") + host + ":" + port + "/" + database;
    }

    static String redact(String s) {
        return s.replaceAll("(?i)(password=)\\S+", "$1***").replaceAll("://([^:/@]*):[^@]*@", "://$1:***@");
    }
}
