package io.pgclone.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real PostgreSQL server from the Maven binaries: initdb, start on a free port bound to 127.0.0.1, stop, delete.
 * Runs as an unprivileged OS user when this JVM is root. Password authentication (SCRAM) over TCP, so that wrong
 * passwords fail as they would in production.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String SUPERUSER = "postgres";

    private final int major;
    private final Path home;
    private final Path dataDir;
    private final Path logFile;
    private final ServerUser user;
    private final int port;
    private final String password;
    private final boolean keepData;
    private final TlsFiles tls;

    private PostgresServer(Options o, Path home, Path dataDir, ServerUser user, int port) {
        this.major = o.major;
        this.home = home;
        this.dataDir = dataDir;
        this.logFile = dataDir.resolve("postgres.log");
        this.user = user;
        this.port = port;
        this.password = o.password;
        this.keepData = o.keepData;
        this.tls = o.tls;
    }

    /** Settings of a server to start. Defaults suit tests: durability off, a server time zone that is not UTC. */
    public static final class Options {
        int major = 17;
        String password = "postgres";
        String timeZone = "Pacific/Chatham";
        Path baseDir;
        boolean durable = false;
        boolean keepData = false;
        int port = 0;
        final Map<String, String> settings = new LinkedHashMap<>();
        TlsFiles tls;

        public Options major(int v) {
            this.major = v;
            return this;
        }

        public Options password(String v) {
            this.password = v;
            return this;
        }

        public Options timeZone(String v) {
            this.timeZone = v;
            return this;
        }

        /** Parent directory for the data directory (default: the system temp directory). */
        public Options baseDir(Path v) {
            this.baseDir = v;
            return this;
        }

        /** fsync and full-page writes on (for crash tests of the server itself); off by default for speed. */
        public Options durable(boolean v) {
            this.durable = v;
            return this;
        }

        /** Leave the data directory in place on close (the demo keeps its servers' data for inspection). */
        public Options keepData(boolean v) {
            this.keepData = v;
            return this;
        }

        public Options port(int v) {
            this.port = v;
            return this;
        }

        /**
         * TLS on, and client certificates the only way in over TCP ({@code hostssl ... cert}): connections made
         * through this object present the client certificate, verify-full against the CA.
         */
        public Options clientCertificatesOnly(TlsFiles files) {
            this.tls = files;
            return this;
        }

        public Options setting(String name, String value) {
            settings.put(name, value);
            return this;
        }
    }

    public static Options options() {
        return new Options();
    }

    public static PostgresServer start(Options o) {
        Path home = PostgresBinaries.install(o.major);
        ServerUser user = ServerUser.forThisProcess();
        try {
            Path base = o.baseDir != null ? o.baseDir : Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(base);
            Path dir = Files.createTempDirectory(base, "pgclone-pg" + o.major + "-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Path pwFile = Files.createTempFile("pgclone-pw", ".txt");
            Files.writeString(pwFile, o.password + "\n");
            Files.setPosixFilePermissions(pwFile, PosixFilePermissions.fromString("rw-r--r--"));
            user.own(dir);
            try {
                Commands.run(user.command(List.of(home.resolve("bin/initdb").toString(), "-D", dir.toString(),
                        "-U", SUPERUSER, "--pwfile=" + pwFile, "--auth-host=scram-sha-256", "--auth-local=trust",
                        "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")), null, Map.of("TZ", o.timeZone), 120);
            } finally {
                Files.deleteIfExists(pwFile);
            }
            int port = o.port > 0 ? o.port : FreePorts.pick();
            if (o.tls != null) {
                enableTls(o, dir, user);
            }
            Files.writeString(dir.resolve("postgresql.conf"), settings(o, dir, port), StandardOpenOption.APPEND);
            PostgresServer server = new PostgresServer(o, home, dir, user, port);
            server.pgCtl("start", "-w", "-t", "120", "-l", server.logFile.toString());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL " + o.major, e);
        }
    }

    private static void enableTls(Options o, Path dir, ServerUser user) throws IOException {
        Files.copy(o.tls.serverCert(), dir.resolve("server.crt"));
        Files.copy(o.tls.serverKey(), dir.resolve("server.key"));
        Files.copy(o.tls.ca(), dir.resolve("root.crt"));
        Files.setPosixFilePermissions(dir.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("pg_hba.conf"), "local all all trust\nhostssl all all 127.0.0.1/32 cert\n");
        user.own(dir);
        o.settings.put("ssl", "on");
        o.settings.put("ssl_cert_file", "'server.crt'");
        o.settings.put("ssl_key_file", "'server.key'");
        o.settings.put("ssl_ca_file", "'root.crt'");
    }

    private static String settings(Options o, Path dir, int port) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("port", Integer.toString(port));
        s.put("listen_addresses", "'127.0.0.1'");
        s.put("unix_socket_directories", "'" + dir + "'");
        s.put("timezone", "'" + o.timeZone + "'");
        s.put("log_timezone", "'" + o.timeZone + "'");
        s.put("wal_level", "logical");
        s.put("max_connections", "200");
        s.put("max_wal_senders", "10");
        s.put("max_replication_slots", "10");
        s.put("shared_buffers", "'256MB'");
        s.put("max_wal_size", "'4GB'");
        s.put("log_min_messages", "warning");
        if (!o.durable) {
            s.put("fsync", "off");
            s.put("full_page_writes", "off");
            s.put("synchronous_commit", "off");
        }
        s.putAll(o.settings);
        StringBuilder b = new StringBuilder("\n# pgclone-connect stack\n");
        s.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        return b.toString();
    }

    /** Stops a server started earlier by another process (the demo's) and deletes its data directory. */
    public static void stopAndDelete(int major, Path dataDir) {
        Path home = PostgresBinaries.install(major);
        ServerUser user = ServerUser.forThisProcess();
        try {
            Commands.run(user.command(List.of(home.resolve("bin/pg_ctl").toString(), "-D", dataDir.toString(), "stop",
                    "-m", "fast", "-w")), null, Map.of(), 120);
        } catch (RuntimeException e) {
            // not running
        }
        try {
            PostgresBinaries.deleteTree(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pgCtl(String... args) {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/pg_ctl").toString(), "-D", dataDir.toString()));
        cmd.addAll(List.of(args));
        Commands.run(user.command(cmd), null, Map.of(), 180);
    }

    public int major() {
        return major;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String user() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    /** A libpq-style connection string, as a user would type it. */
    public String conninfo(String database) {
        if (tls != null) {
            return "host=" + host() + " port=" + port + " dbname=" + database + " user=" + SUPERUSER
                    + " sslmode=verify-full sslrootcert=" + tls.ca() + " sslcert=" + tls.clientCert()
                    + " sslkey=" + tls.clientKey();
        }
        return "host=" + host() + " port=" + port + " dbname=" + database + " user=" + SUPERUSER
                + " password=" + password;
    }

    /** The TLS files of a server that accepts client certificates only, or null. */
    public TlsFiles tls() {
        return tls;
    }

    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", SUPERUSER);
        if (tls != null) {
            p.setProperty("sslmode", "verify-full");
            p.setProperty("sslrootcert", tls.ca().toString());
            p.setProperty("sslcert", tls.clientCert().toString());
            p.setProperty("sslkey", tls.clientKey().toString());
            p.setProperty("pemKeyAlgorithm", tls.clientKeyAlgorithm());
        } else {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl(database), p);
    }

    public void createDatabase(String name) {
        execute("postgres", "CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
    }

    public void execute(String database, String sql) {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("on PostgreSQL " + major + " database " + database + ": " + e.getMessage(), e);
        }
    }

    /** Stops with the given mode ({@code fast}, {@code immediate}) and starts again on the same port and data. */
    public void restart(String mode) {
        pgCtl("stop", "-m", mode, "-w");
        pgCtl("start", "-w", "-t", "120", "-l", logFile.toString());
    }

    public void stop(String mode) {
        pgCtl("stop", "-m", mode, "-w");
    }

    public void startAgain() {
        pgCtl("start", "-w", "-t", "120", "-l", logFile.toString());
    }

    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            pgCtl("stop", "-m", "fast", "-w");
        } catch (RuntimeException e) {
            // already stopped
        }
        if (!keepData) {
            try {
                PostgresBinaries.deleteTree(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + major + " on " + host() + ":" + port;
    }
}
