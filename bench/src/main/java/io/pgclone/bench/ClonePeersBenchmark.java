package io.pgclone.bench;

import io.pgclone.stack.LocalStack;
import io.pgclone.stack.PostgresServer;
import io.pgclone.stack.SchemaRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Clones one anchor dataset with pgcopydb, with pg_dump | pg_restore and with pgclone-connect, in alternating order,
 * on PostgreSQL 15 servers (the newest that Debian's pg_dump and pgcopydb accept), and prints wall times and ratios.
 * Dataset: pgbench scale 50 plus bench_items (2,000,000 rows of jsonb, uuid, bytea, numeric(12,2), timestamptz, text)
 * with an index and a foreign key to pgbench_accounts. The masked run masks bench_items.email (email),
 * bench_items.amount (random_int) and pgbench_accounts.filler (constant).
 * <p>
 * Arguments: repo directory, rounds, pgbench scale, extra rows. Run through bench/clone-vs-peers.sh.
 */
public final class ClonePeersBenchmark {
    private static final Path PG15_BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final List<String> TABLES = List.of("public.pgbench_accounts", "public.pgbench_branches",
            "public.pgbench_tellers", "public.pgbench_history", "public.bench_items");

    /** The masked run's masks: a text column with email, a number with random_int, a char(84) with constant. */
    private static final String MASKS = "{\"public.bench_items\": {\"email\": \"email\", \"amount\":"
            + " {\"type\": \"random_int\", \"min\": 0, \"max\": 99999}}, \"public.pgbench_accounts\":"
            + " {\"filler\": {\"type\": \"constant\", \"value\": \"masked\"}}}";

    private final Path repo;
    private final PostgresServer source;
    private final PostgresServer target;
    private final Map<String, Long> sourceCounts = new LinkedHashMap<>();
    private int run;

    private ClonePeersBenchmark(Path repo, PostgresServer source, PostgresServer target) {
        this.repo = repo;
        this.source = source;
        this.target = target;
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int scale = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int extraRows = args.length > 3 ? Integer.parseInt(args[3]) : 2_000_000;
        Path work = repo.resolve("bench/target/peers");
        if (Files.exists(work)) { // leftovers of an earlier run confuse pgcopydb
            try (var paths = Files.walk(work)) {
                for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(work);
        try (PostgresServer source = PostgresServer.start(PostgresServer.options().major(15).baseDir(work));
             PostgresServer target = PostgresServer.start(PostgresServer.options().major(15).baseDir(work))) {
            ClonePeersBenchmark b = new ClonePeersBenchmark(repo, source, target);
            b.load(scale, extraRows);
            b.runAll(rounds, work);
        }
    }

    private void load(int scale, int extraRows) throws Exception {
        source.createDatabase("anchor");
        long t0 = System.nanoTime();
        exec(List.of(PG15_BIN.resolve("pgbench").toString(), "-i", "-q", "-s", Integer.toString(scale), "-h",
                source.host(), "-p", Integer.toString(source.port()), "-U", source.user(), "anchor"), source.password());
        try (Connection c = source.connect("anchor"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE public.bench_items (id bigint PRIMARY KEY, account_id int NOT NULL"
                    + " REFERENCES public.pgbench_accounts (aid), doc jsonb, uid uuid, blob bytea, amount numeric(12,2),"
                    + " at timestamptz, email text)");
            st.execute("INSERT INTO public.bench_items SELECT g, 1 + g % (" + scale + " * 100000),"
                    + " jsonb_build_object('id', g, 'tags', jsonb_build_array('a', 'b'), 'note', 'item ' || g),"
                    + " md5(g::text)::uuid, decode(md5(g::text), 'hex'), (g % 10000000) / 100.0,"
                    + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1.5 second', 'user' || g || '@example.com'"
                    + " FROM generate_series(1, " + extraRows + ") g");
            st.execute("CREATE INDEX bench_items_at ON public.bench_items (at)");
            st.execute("INSERT INTO public.pgbench_history SELECT 1 + g % 500, 1 + g % " + scale + ", 1 + g % (" + scale
                    + " * 100000), g % 1000, now() FROM generate_series(1, 100000) g");
            st.execute("VACUUM ANALYZE");
            for (String t : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t)) {
                    rs.next();
                    sourceCounts.put(t, rs.getLong(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT pg_size_pretty(pg_database_size('anchor'))")) {
                rs.next();
                System.out.printf("Anchor dataset: pgbench scale %d + %,d bench_items rows, %s, loaded in %.0f s%n",
                        scale, extraRows, rs.getString(1), (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    private void runAll(int rounds, Path work) throws Exception {
        List<String> tools = new ArrayList<>(List.of("pgcopydb", "pg_dump|pg_restore", "pgclone-connect (copy)",
                "pgclone-connect (masked)", "pgclone-connect (Avro)", "pgclone-connect (JSON)"));
        // -Dtools=pgcopydb,copy runs only the tools whose names contain one of these words (quicker comparisons).
        String only = System.getProperty("tools");
        if (only != null && !only.isBlank()) {
            List<String> words = List.of(only.split(","));
            tools.removeIf(t -> words.stream().noneMatch(w -> t.toLowerCase(Locale.ROOT)
                    .contains(w.trim().toLowerCase(Locale.ROOT))));
        }
        Map<String, List<Double>> times = new LinkedHashMap<>();
        tools.forEach(t -> times.put(t, new ArrayList<>()));
        Path jfr = work.resolve("worker.jfr");
        Files.deleteIfExists(jfr);
        try (SchemaRegistry registry = SchemaRegistry.start(work.resolve("registry"));
             LocalStack stack = LocalStack.start(work.resolve("stack"), List.of(repo.resolve("connect-plugin/target/plugin"),
                     repo.resolve("avro-converter/target/plugin")), o -> o.set("plugin.discovery", "service_load")
                     .jvmOption("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile"))) {
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < tools.size(); i++) {
                    String tool = tools.get((i + r) % tools.size());
                    double s = timeOne(tool, work, stack.worker().url(), registry.registryV2Url());
                    times.get(tool).add(s);
                    System.out.printf("  round %d  %-18s %8.1f s%n", r + 1, tool, s);
                }
            }
        }
        report(times, rounds);
    }

    private double timeOne(String tool, Path work, String connectUrl, String registryUrl) throws Exception {
        String db = "copy" + (++run);
        target.createDatabase(db);
        String src = "postgres://" + source.user() + ":" + source.password() + "@127.0.0.1:" + source.port() + "/anchor";
        String tgt = "postgres://" + target.user() + ":" + target.password() + "@127.0.0.1:" + target.port() + "/" + db;
        long t0 = System.nanoTime();
        switch (tool) {
            case "pgcopydb" -> {
                Path dir = work.resolve("pgcopydb-" + run);
                exec(List.of("pgcopydb", "clone", "--source", src, "--target", tgt, "--table-jobs", "2",
                        "--index-jobs", "2", "--dir", dir.toString(), "--no-owner"), null);
            }
            case "pg_dump|pg_restore" -> {
                Path dir = work.resolve("dump-" + run);
                exec(List.of(PG15_BIN.resolve("pg_dump").toString(), "-Fd", "-j2", "-f", dir.toString(), src), null);
                exec(List.of(PG15_BIN.resolve("pg_restore").toString(), "-j2", "--no-owner", "-d", tgt, dir.toString()), null);
            }
            default -> {
                List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar", repo.resolve("cli/target/pgclone.jar").toString(), "clone", "--source", src,
                        "--target", tgt, "--connect", connectUrl, "--clone-id", "bench" + run, "--tasks", "2",
                        "--connect-secrets-dir", work.resolve("secrets").toString(),
                        "--sink-tasks", "2", "--no-progress"));
                if (tool.contains("Avro")) {
                    cmd.addAll(List.of("--format", "avro", "--registry-url", registryUrl));
                } else if (tool.contains("JSON")) {
                    cmd.addAll(List.of("--format", "json"));
                } else {
                    cmd.addAll(List.of("--format", "copy"));
                }
                if (tool.contains("masked")) { // the production-to-staging clone: masks applied in the COPY query
                    cmd.addAll(List.of("--masks", MASKS));
                }
                TABLES.forEach(t -> {
                    cmd.add("--table");
                    cmd.add(t);
                });
                exec(cmd, null);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        verify(db, tool);
        return seconds;
    }

    private void verify(String db, String tool) throws Exception {
        try (Connection c = target.connect(db); Statement st = c.createStatement()) {
            for (Map.Entry<String, Long> e : sourceCounts.entrySet()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + e.getKey())) {
                    rs.next();
                    if (rs.getLong(1) != e.getValue()) {
                        throw new IllegalStateException(tool + " copied " + rs.getLong(1) + " rows of " + e.getKey()
                                + ", the source has " + e.getValue());
                    }
                }
            }
            if (tool.contains("masked")) { // a masked run that left an original value is no result
                try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM public.bench_items WHERE email"
                        + " <> 'u***@example.com') + (SELECT count(*) FROM public.pgbench_accounts WHERE filler <> 'masked')")) {
                    rs.next();
                    if (rs.getLong(1) != 0) {
                        throw new IllegalStateException(tool + " left " + rs.getLong(1) + " values unmasked");
                    }
                }
            }
        }
        target.execute("postgres", "DROP DATABASE " + db);
    }

    private static void report(Map<String, List<Double>> times, int rounds) {
        Map<String, Double> median = new LinkedHashMap<>();
        times.forEach((tool, list) -> {
            List<Double> sorted = new ArrayList<>(list);
            sorted.sort(Double::compare);
            int n = sorted.size();
            median.put(tool, n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
        });
        System.out.printf("%nClone of the anchor dataset, %s, %d round(s), wall seconds:%n", LocalDate.now(), rounds);
        System.out.printf("| tool | runs (s) | median (s) | ratio to pgcopydb |%n|---|---|---:|---:|%n");
        // The worker's JSON converter is its default; the Avro runs go through Apicurio's converter and registry.
        double ref = median.get("pgcopydb");
        times.forEach((tool, list) -> System.out.printf("| %s | %s | %.1f | %.2f |%n", tool,
                String.join(", ", list.stream().map(d -> String.format("%.1f", d)).toList()), median.get(tool),
                median.get(tool) / ref));
    }

    private static void exec(List<String> cmd, String password) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", PG15_BIN + ":" + System.getenv("PATH"));
        if (password != null) {
            pb.environment().put("PGPASSWORD", password);
        }
        Path log = Files.createTempFile("bench-tool", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd.subList(0, Math.min(3, cmd.size()))) + " failed:\n"
                    + Files.readString(log));
        }
        Files.delete(log);
    }
}
