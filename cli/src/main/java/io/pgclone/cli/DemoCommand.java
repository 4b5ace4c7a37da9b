package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.state.CloneProgress;
import io.pgclone.stack.PostgresServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start two local PostgreSQL servers, load a sample shop into one and clone it to the other",
                "through an embedded Kafka and Connect. The servers keep running afterwards; stop them with --stop."})
final class DemoCommand implements Callable<Integer> {
    private static final String DB = "shop";

    @Option(names = "--stop", description = "Stop and delete the demo's servers.")
    boolean stop;

    @Option(names = "--source-version", defaultValue = "17", description = "Source PostgreSQL major (14-18, default ${DEFAULT-VALUE}).")
    int sourceVersion;

    @Option(names = "--target-version", defaultValue = "17", description = "Target PostgreSQL major (14-18, default ${DEFAULT-VALUE}).")
    int targetVersion;

    @Option(names = "--customers", defaultValue = "20000", description = "Customers to generate (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--orders", defaultValue = "100000", description = "Orders to generate (default ${DEFAULT-VALUE}).")
    int orders;

    @Option(names = "--no-progress", description = "Print progress lines instead of a live bar.")
    boolean noProgress;

    @Option(names = "--format", defaultValue = "avro", paramLabel = "avro|json",
            description = "Record format: avro (default, needs Java 21+ for the registry, else json) or json.")
    String format;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        stopPrevious(out);
        if (stop) {
            return 0;
        }
        Path base = home();
        out.printf("Starting PostgreSQL %d (source) and %d (target)...%n", sourceVersion, targetVersion);
        String password = randomPassword(); // the servers listen on 127.0.0.1, which other local users reach too
        PostgresServer source = PostgresServer.start(PostgresServer.options().major(sourceVersion).baseDir(base)
                .keepData(true).password(password));
        PostgresServer target = PostgresServer.start(PostgresServer.options().major(targetVersion).baseDir(base)
                .keepData(true).password(password));
        saveState(source, target);
        source.createDatabase(DB);
        target.createDatabase(DB);
        long t0 = System.nanoTime();
        try (Connection c = source.connect(DB)) {
            DemoDataset.load(c, customers, orders);
        }
        out.printf("  loaded the sample shop into the source in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        CloneRequest request = new CloneRequest(ConnInfo.parse(source.conninfo(DB)), ConnInfo.parse(target.conninfo(DB)),
                DemoDataset.TABLES.size() + " table(s)", DemoDataset.TABLES, "demo", "pgclone.demo", 2, 2,
                Map.of(), Map.of(), Map.of());
        CloneProgress result = CloneSession.start(request, new CloneSession.Options(null, base.resolve("stack"),
                !format.equals("json"), !noProgress, Duration.ofMinutes(10), null));
        boolean match = compare(out, source, target);
        out.printf("%nBoth servers keep running, so you can look around:%n");
        out.printf("  source: psql \"%s\"%n", source.conninfo(DB));
        out.printf("  target: psql \"%s\"%n", target.conninfo(DB));
        out.printf("  clone state on the target: SELECT * FROM pgclone.jobs;%n");
        out.printf("Stop them with: ./pgclone demo --stop%n");
        return result.isDone() && match ? 0 : 1;
    }

    /** Counts every table on both sides: the demo's proof that the clone is complete. */
    private static boolean compare(PrintStream out, PostgresServer source, PostgresServer target) throws SQLException {
        boolean all = true;
        out.printf("%n  %-16s %12s %12s  %s%n", "table", "source rows", "target rows", "match");
        try (Connection s = source.connect(DB); Connection t = target.connect(DB)) {
            for (String table : DemoDataset.TABLES) {
                long a = count(s, table);
                long b = count(t, table);
                all &= a == b;
                out.printf("  %-16s %,12d %,12d  %s%n", table, a, b, a == b ? "yes" : "NO");
            }
        }
        return all;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The demo's folder, one per user: made by this CLI ({@link OwnedDirs}), owned by this user, and open to others
     * only for traversal (0711: the servers run as an unprivileged user when the CLI is root). A folder of that name
     * someone else made is refused, never used or deleted.
     */
    static Path home() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "pgclone-demo-" + System.getProperty("user.name")
                .replaceAll("[^A-Za-z0-9._-]", "_"));
        OwnedDirs.claim(dir, "demo");
        try {
            if (!Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName()
                    .equals(System.getProperty("user.name"))) {
                throw new UserError("demo: " + dir + " belongs to another user; remove it or set java.io.tmpdir");
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static String randomPassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private void saveState(PostgresServer source, PostgresServer target) throws IOException {
        Properties p = new Properties();
        p.putAll(Map.of("source.major", Integer.toString(source.major()), "source.dir", source.dataDir().toString(),
                "target.major", Integer.toString(target.major()), "target.dir", target.dataDir().toString()));
        try (Writer w = Files.newBufferedWriter(home().resolve("servers.properties"))) {
            p.store(w, "pgclone demo servers");
        }
    }

    private static void stopPrevious(PrintStream out) {
        try { // the demo always starts a new clone: a stack left by an interrupted demo goes too
            OwnedDirs.deleteIfOwned(home().resolve("stack"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path state = home().resolve("servers.properties");
        if (!Files.exists(state)) {
            return;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(state)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String side : new String[] {"source", "target"}) {
            String dir = p.getProperty(side + ".dir");
            // only a server folder the demo made: directly in its home, named as PostgresServer names them
            Path d = dir == null ? null : Path.of(dir).toAbsolutePath().normalize();
            if (d != null && home().equals(d.getParent()) && d.getFileName().toString().matches("pgclone-pg\\d+-\\d+")) {
                PostgresServer.stopAndDelete(Integer.parseInt(p.getProperty(side + ".major")), d);
            }
        }
        try {
            Files.delete(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("Stopped the previous demo's servers.");
    }
}
