package io.pgclone.it;

import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.ClientTools;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A public database nobody on this project wrote, loaded into a fresh database the way its authors load it (psql on
 * their own files). Origins, commits and licences: {@code src/test/resources/corpus/README.md}.
 */
enum CorpusDataset {
    /** Pagila 3.x (devrimgunduz/pagila): pg_dump output, partitions, SETOF-row functions, domains, a matview. */
    PAGILA {
        @Override
        void load(PostgresServer pg, String db) throws Exception {
            psql(pg, db, resource("pagila/pagila-schema.sql"));
            psql(pg, db, gunzip(resource("pagila/pagila-data.sql.gz"), line -> true));
        }
    },
    /** Chinook 1.4.5 (lerocha/chinook-database, as pgcopydb tests it): a music store with its rows. */
    CHINOOK {
        @Override
        void load(PostgresServer pg, String db) throws Exception {
            // The script creates and connects to its own database: those three statements are left out.
            psql(pg, db, gunzip(resource("chinook/Chinook_PostgreSql.sql.gz"),
                    line -> !line.startsWith("DROP DATABASE") && !line.startsWith("CREATE DATABASE")
                            && !line.startsWith("\\c ")));
        }
    },
    /**
     * pgcopydb's own regression objects (tests/unit/setup): the schema shapes that broke a peer tool. Loaded as its
     * tests/unit/copydb.sh does: a database-level search_path first (one file relies on it), then one transaction.
     */
    PGCOPYDB_UNIT {
        @Override
        void load(PostgresServer pg, String db) throws Exception {
            pg.execute(db, "ALTER DATABASE " + db + " SET search_path TO public, \"\"\"abc\"\"\"");
            psql(pg, db, resource("pgcopydb-unit/setup.sql"), "-1");
        }
    },
    /** Debezium's PostgreSQL type tables (its test jar on Maven Central) with the rows its tests insert. */
    DEBEZIUM {
        @Override
        void load(PostgresServer pg, String db) throws Exception {
            Path dir = Path.of(System.getProperty("pgclone.corpus.debezium", "target/corpus/debezium"));
            psql(pg, db, dir.resolve("init_database.ddl"));
            psql(pg, db, dir.resolve("postgres_create_tables.ddl"));
            String source = Files.readString(dir.resolve("io/debezium/connector/postgresql/AbstractRecordsProducerTest.java"));
            Map<String, String> inserts = JavaStringConstants.read(source, Pattern.compile("INSERT_\\w+_STMT"));
            int applied = 0;
            try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
                for (String insert : inserts.values()) {
                    try {
                        st.execute(insert);
                        applied++;
                    } catch (SQLException e) {
                        // Rows for tables in Debezium's other schema files (PostGIS, macaddr8 ...) are not ours to load.
                        if (!"42P01".equals(e.getSQLState())) {
                            throw new IllegalStateException("Debezium insert failed: " + insert, e);
                        }
                    }
                }
            }
            assertThat(applied).as("rows inserted from Debezium's tests").isGreaterThan(20);
        }
    };

    abstract void load(PostgresServer pg, String db) throws Exception;

    static Path resource(String name) throws URISyntaxException {
        return Path.of(CorpusDataset.class.getResource("/corpus/" + name).toURI());
    }

    /** A decompressed copy of a shipped file, with only the lines {@code keep} accepts. */
    private static Path gunzip(Path gz, java.util.function.Predicate<String> keep) throws IOException {
        Path out = Files.createTempFile("pgclone-corpus", ".sql");
        out.toFile().deleteOnExit();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz));
             var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
             var writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (keep.test(line)) {
                    writer.write(line);
                    writer.write('\n');
                }
            }
        }
        return out;
    }

    /** Runs a file with Debian's psql, stopping at the first error. */
    static void psql(PostgresServer pg, String db, Path file, String... options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ClientTools.tool("psql").toString(), "-X", "-q", "-v",
                "ON_ERROR_STOP=1", "-h", pg.host(), "-p", Integer.toString(pg.port()), "-U", pg.user(), "-d", db,
                "-f", file.toString()));
        cmd.addAll(List.of(options));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", pg.password());
        pb.directory(file.getParent().toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("psql -f %s: %s", file.getFileName(), out).isZero();
    }
}
