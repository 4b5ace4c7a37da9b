package io.pgclone.it;

import io.pgclone.core.catalog.Catalog;
import io.pgclone.core.catalog.CatalogDiff;
import io.pgclone.core.catalog.CatalogReader;
import io.pgclone.core.catalog.Scope;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.sql.SqlRenamer;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.ClientTools;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import io.pgclone.testkit.TableComparison;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database with every object kind (fixtures/ddl-*.sql) cloned whole; source and target then compare equal object
 * by object with the catalog comparison (for every version pair), and by normalized pg_dump --schema-only where
 * Debian's pg_dump 15 can read both servers; every table holds the same rows; what the objects do still works.
 */
class DdlFidelityIT {

    static Stream<Arguments> pairs() {
        return Arrays.stream(System.getProperty("pgclone.it.ddl.pairs", "14:17,15:17,16:17,17:17,18:17,14:18,18:14,18:18")
                .split(",")).map(p -> Arguments.of(Integer.parseInt(p.split(":")[0]), Integer.parseInt(p.split(":")[1])));
    }

    @ParameterizedTest(name = "PostgreSQL {0} -> {1}")
    @MethodSource("pairs")
    void shouldCloneADatabaseThatComparesEqual(int sourceMajor, int targetMajor) throws Exception {
        PostgresServer source = Servers.postgres(sourceMajor);
        PostgresServer target = Servers.postgres(targetMajor);
        String sourceDb = Databases.fresh(source, "ddl");
        String targetDb = Databases.fresh(target, "ddlt");
        clone(source, sourceDb, target, targetDb, Math.min(sourceMajor, targetMajor));

        CatalogDiff.Report report = compare(source, sourceDb, target, targetDb, sourceMajor != targetMajor);
        assertThat(report.lines()).as("differences between source and target catalogs").isEmpty();
        assertSameRows(source, sourceDb, target, targetDb);
        assertObjectsWork(source, sourceDb, target, targetDb);
    }

    @Test
    void shouldMatchANormalizedPgDumpWherePgDump15CanReadBothServers() throws Exception {
        for (int major : new int[] {14, 15}) {
            PostgresServer source = Servers.postgres(major);
            PostgresServer target = Servers.postgres(major);
            String sourceDb = Databases.fresh(source, "dump");
            String targetDb = Databases.fresh(target, "dumpt");
            clone(source, sourceDb, target, targetDb, major);
            assertThat(schemaDump(target, targetDb)).as("pg_dump --schema-only of the PostgreSQL %d target", major)
                    .isEqualTo(schemaDump(source, sourceDb));
        }
    }

    private static void clone(PostgresServer source, String sourceDb, PostgresServer target, String targetDb, int oldest)
            throws Exception {
        Fixtures.roles(source, target);
        Fixtures.loadDdl(source, sourceDb, oldest);
        CloneHarness.cloneTables(CloneHarness.uniquePrefix("ddl"), source, sourceDb, target, targetDb, null, Map.of(),
                c -> c.with("tables", null).with("schemas", "*"));
    }

    static CatalogDiff.Report compare(PostgresServer source, String sourceDb, PostgresServer target, String targetDb,
                                      boolean acrossVersions) throws Exception {
        Catalog s = read(source, sourceDb);
        Catalog t = read(target, targetDb);
        return CatalogDiff.compare(s, t, new SqlRenamer(Map.of(), Map.of()), Set.of(), acrossVersions);
    }

    static Catalog read(PostgresServer pg, String db) throws Exception {
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            Catalog cat = new CatalogReader(c).read(new Scope(List.of(), List.of(), true, false, true, true, true, true,
                    true, true));
            st.execute("ROLLBACK");
            return cat;
        }
    }

    private static void assertSameRows(PostgresServer source, String sourceDb, PostgresServer target, String targetDb)
            throws Exception {
        Catalog cat = read(source, sourceDb);
        try (Connection s = source.connect(sourceDb); Connection t = target.connect(targetDb)) {
            for (TableDef table : cat.tables()) {
                String q = "ONLY " + table.name().sql();
                assertThat(TableComparison.checksum(t, q)).as("rows of %s", table.name())
                        .isEqualTo(TableComparison.checksum(s, q));
            }
        }
    }

    /** The clone behaves: functions, triggers, identity, sequences, RLS, the matview's data. */
    private static void assertObjectsWork(PostgresServer source, String sourceDb, PostgresServer target, String db)
            throws Exception {
        String nextTicket;
        try (Connection c = source.connect(sourceDb); Statement st = c.createStatement()) {
            nextTicket = scalar(st, "SELECT nextval('app.ticket_seq')");
        }
        try (Connection c = target.connect(db); Statement st = c.createStatement()) {
            assertThat(scalar(st, "SELECT app.customer_count()")).isEqualTo("300");
            assertThat(scalar(st, "SELECT count(*) FROM app.happy_customers()")).isEqualTo("100");
            assertThat(scalar(st, "SELECT app.customer_name(1000)")).isEqualTo("Customer 1");
            assertThat(scalar(st, "SELECT app.concat_all(tag ORDER BY id) FROM app.notes WHERE id < 3")).isEqualTo("tagTag");
            assertThat(scalar(st, "SELECT count(*) FROM app.notes WHERE tag = 'TAG'")).as("nondeterministic collation")
                    .isEqualTo("40");
            assertThat(scalar(st, "SELECT count(*) FROM app.notes WHERE to_tsvector('app.docs'::regconfig, body)"
                    + " @@ to_tsquery('app.docs'::regconfig, 'jump')")).isEqualTo("40");
            assertThat(scalar(st, "SELECT 'happy'::app.mood::integer")).isEqualTo("3");
            String unanalyzed = "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname IN ('app', 'audit')"
                    + " AND last_analyze IS NULL AND relid IN (SELECT oid FROM pg_class WHERE relkind = 'r'"
                    + " AND NOT relispartition)";
            // PostgreSQL 14's statistics collector reports asynchronously: give it a few seconds
            for (int i = 0; i < 20 && !scalar(st, unanalyzed).equals("0"); i++) {
                Thread.sleep(250);
            }
            assertThat(scalar(st, unanalyzed)).as("tables left without a manual ANALYZE").isEqualTo("0");
            assertThat(scalar(st, "SELECT count(*) FROM app.order_totals")).isEqualTo("300");
            assertThat(scalar(st, "SELECT relrowsecurity AND relforcerowsecurity FROM pg_class"
                    + " WHERE oid = 'app.customers'::regclass")).isEqualTo("t");
            assertThat(scalar(st, "SELECT tgenabled FROM pg_trigger WHERE tgname = 'customers_quiet'")).isEqualTo("D");
            assertThat(scalar(st, "SELECT nextval('app.ticket_seq')")).isEqualTo(nextTicket);
            st.execute("INSERT INTO app.orders (customer_id, total, quantity, during) VALUES (1000, 5, 1,"
                    + " tstzrange('1999-01-01', '1999-01-02'))");
            assertThat(scalar(st, "SELECT count(*) FROM audit.events WHERE detail = 'rows: 1'")).isEqualTo("1");
            assertThat(scalar(st, "SELECT max(id) FROM app.orders")).isEqualTo("2001");
        }
    }

    private static String scalar(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** pg_dump --schema-only without the clone's own state schema, comments, SET and \\restrict lines, blank lines. */
    static String schemaDump(PostgresServer pg, String db) throws Exception {
        List<String> cmd = List.of(ClientTools.tool("pg_dump").toString(), "--schema-only", "--exclude-schema=pgclone", "-h", pg.host(), "-p",
                Integer.toString(pg.port()), "-U", pg.user(), "-d", db);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", pg.password());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("pg_dump: %s", out).isZero();
        List<String> kept = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank() || line.startsWith("--") || line.startsWith("SET ") || line.startsWith("\\restrict")
                    || line.startsWith("\\unrestrict")
                    || line.startsWith("SELECT pg_catalog.set_config")) {
                continue;
            }
            kept.add(line);
        }
        return String.join("\n", kept);
    }

    static UnaryOperator<io.pgclone.testkit.ConfigFiles.Connector> schemaScope() {
        return c -> c.with("tables", null).with("schemas", "*");
    }
}
