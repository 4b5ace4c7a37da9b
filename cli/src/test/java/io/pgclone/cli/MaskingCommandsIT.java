package io.pgclone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** discover, mask-in-place, masking-policy and masking-report on a real server: their output rows and grants. */
class MaskingCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PostgresServer pg = Servers.postgres(17);

    private String database() throws Exception {
        String db = Databases.fresh(pg, "maskcmd");
        pg.execute(db, """
                CREATE TABLE public.people (id bigint PRIMARY KEY, email text, full_name text, phone text, salary int,
                  ssn text, contact text, card text, note text);
                INSERT INTO public.people SELECT g, 'user' || g || '@example.org', 'Name ' || g, '+1-555-000-' || lpad(g::text, 4, '0'),
                  1000 * g, '123-45-' || lpad(g::text, 4, '0'), 'c' || g || '@mail.example.com',
                  (ARRAY['4111 1111 1111 1111', '5500-0000-0000-0004', '340000000000009'])[g % 3 + 1], 'hello ' || g
                  FROM generate_series(1, 50) g;
                CREATE TABLE public.people2 AS SELECT * FROM public.people;
                GRANT SELECT ON public.people TO PUBLIC;
                """);
        return db;
    }

    @Test
    void discoverSuggestsMasksByNameAndBySampledValuesWithReasons() throws Exception {
        String db = database();
        CliProcess.Result r = CliProcess.run(60, "discover", "--source", pg.conninfo(db), "--schema", "public");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode people = JSON.readTree(r.stdout()).get("people");
        assertThat(people.get("email").get("type").asText()).isEqualTo("email");
        assertThat(people.get("email").get("reason").asText()).isEqualTo("column name matches %email% (Email)");
        assertThat(people.get("full_name").get("type").asText()).isEqualTo("name");
        assertThat(people.get("phone").get("type").asText()).isEqualTo("phone");
        assertThat(people.get("salary").get("type").asText()).isEqualTo("random_int");
        assertThat(people.get("ssn").get("type").asText()).isEqualTo("null");
        assertThat(people.get("contact").get("type").asText()).isEqualTo("email");
        assertThat(people.get("contact").get("reason").asText()).startsWith("sampled values look like Email");
        assertThat(people.get("card").get("type").asText()).isEqualTo("null");
        assertThat(people.get("card").get("reason").asText()).startsWith("sampled values look like Credit Card");
        assertThat(people.has("id")).isFalse();
        assertThat(people.has("note")).isFalse();

        CliProcess.Result plain = CliProcess.run(60, "discover", "--source", pg.conninfo(db), "--plain");
        assertThat(JSON.readTree(plain.stdout()).get("people").get("email").asText()).isEqualTo("email");
        assertThat(JSON.readTree(plain.stdout()).get("people").get("salary").get("max").asInt()).isEqualTo(99_999);
    }

    @Test
    void maskInPlaceUpdatesEveryRowInOneGo() throws Exception {
        String db = database();
        CliProcess.Result r = CliProcess.run(60, "mask-in-place", "--target", pg.conninfo(db), "--table", "people2",
                "--mask", "{\"email\": \"email\", \"salary\": {\"type\": \"random_int\", \"min\": 1, \"max\": 9}}");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().strip()).isEqualTo("OK: masked 50 rows in public.people2 (2 columns)");
        assertThat(query(db, "SELECT email FROM people2 WHERE id = 7")).isEqualTo("u***@example.org");
        assertThat(query(db, "SELECT min(salary) >= 1 AND max(salary) <= 9 FROM people2")).isEqualTo("t");
        assertThat(query(db, "SELECT full_name FROM people2 WHERE id = 7")).isEqualTo("Name 7");

        CliProcess.Result bad = CliProcess.run(60, "mask-in-place", "--target", pg.conninfo(db), "--table", "people2",
                "--mask", "{\"email\": \"email\", \"emial\": \"name\"}");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("table public.people2 has no column emial");
        assertThat(query(db, "SELECT email FROM people2 WHERE id = 7")).isEqualTo("u***@example.org"); // unchanged
    }

    @Test
    void maskingPolicyHidesTheTableFromEveryoneButThePrivilegedRole() throws Exception {
        String db = database();
        pg.execute("postgres", "DO $$ BEGIN"
                + " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mask_analyst') THEN CREATE ROLE mask_analyst LOGIN PASSWORD 'a'; END IF;"
                + " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mask_admin') THEN CREATE ROLE mask_admin LOGIN PASSWORD 'b'; END IF;"
                + " END $$");
        assertThat(as("mask_analyst", "a", db, "SELECT email FROM people WHERE id = 3")).isEqualTo("user3@example.org");

        CliProcess.Result r = CliProcess.run(60, "masking-policy", "create", "--target", pg.conninfo(db), "--table",
                "public.people", "--mask", "{\"email\": \"email\", \"ssn\": \"null\", \"salary\": {\"type\": \"constant\","
                        + " \"value\": 0}}", "--privileged-role", "mask_admin");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("OK: created masking policy on public.people: view public.people_masked");

        assertThatThrownBy(() -> as("mask_analyst", "a", db, "SELECT email FROM people WHERE id = 3"))
                .hasMessageContaining("permission denied");
        assertThat(as("mask_analyst", "a", db, "SELECT email || ' ' || coalesce(ssn, 'NULL') || ' ' || salary"
                + " FROM people_masked WHERE id = 3")).isEqualTo("u***@example.org NULL 0");
        assertThat(as("mask_admin", "b", db, "SELECT email FROM people WHERE id = 3")).isEqualTo("user3@example.org");
        assertThat(as("mask_admin", "b", db, "SELECT email FROM people_masked WHERE id = 3")).isEqualTo("u***@example.org");

        CliProcess.Result report = CliProcess.run(60, "masking-report", "--target", pg.conninfo(db), "--json");
        assertThat(report.exitCode()).as(report.stderr()).isZero();
        JsonNode rows = JSON.readTree(report.stdout());
        assertThat(row(rows, "people", "email").get("maskStatus").asText()).isEqualTo("MASKED (view)");
        assertThat(row(rows, "people", "email").get("recommendation").asText()).isEqualTo("OK - masked via view");
        assertThat(row(rows, "people2", "email").get("maskStatus").asText()).isEqualTo("UNMASKED");
        assertThat(row(rows, "people2", "email").get("recommendation").asText()).isEqualTo("Apply mask strategy: email");
        assertThat(row(rows, "people2", "ssn").get("category").asText()).isEqualTo("National ID");
        assertThat(row(rows, "people2", "contact")).isNull(); // the report goes by names, as pgclone's
        CliProcess.Result text = CliProcess.run(60, "masking-report", "--target", pg.conninfo(db));
        assertThat(text.stdout()).contains("people2").contains("Apply mask strategy: random_int");

        CliProcess.Result drop = CliProcess.run(60, "masking-policy", "drop", "--target", pg.conninfo(db), "--table", "people");
        assertThat(drop.exitCode()).as(drop.stderr()).isZero();
        assertThat(as("mask_analyst", "a", db, "SELECT email FROM people WHERE id = 3")).isEqualTo("user3@example.org");
        assertThat(query(db, "SELECT to_regclass('public.people_masked') IS NULL")).isEqualTo("t");
    }

    @Test
    void aKeyedHashIsRefusedInAMaskingView() throws Exception {
        String db = database();
        java.nio.file.Path key = java.nio.file.Files.createTempFile("mask", ".properties");
        java.nio.file.Files.writeString(key, "mask.key=k\n");
        CliProcess.Result r = CliProcess.run(60, "masking-policy", "create", "--target", pg.conninfo(db), "--table",
                "people", "--mask", "{\"email\": \"hash\"}", "--hash-key-file", key.toString(), "--privileged-role", "postgres");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--hash-key-file: a keyed hash cannot be used in a masking view");
        assertThat(query(db, "SELECT to_regclass('public.people_masked') IS NULL")).isEqualTo("t");
    }

    @Test
    void maskInPlaceHashesWithTheKeyOfItsFileAndRefusesAFileWithoutOne() throws Exception {
        String db = database();
        java.nio.file.Path noKey = java.nio.file.Files.createTempFile("mask", ".properties");
        java.nio.file.Files.writeString(noKey, "mask.kay=typo\n");
        CliProcess.Result bad = CliProcess.run(60, "mask-in-place", "--target", pg.conninfo(db), "--table", "people2",
                "--mask", "{\"email\": \"hash\"}", "--hash-key-file", noKey.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr().strip()).startsWith("error: --hash-key-file: ").contains("has no mask.key");
        assertThat(query(db, "SELECT email FROM people2 WHERE id = 7")).isEqualTo("user7@example.org");

        java.nio.file.Path key = java.nio.file.Files.createTempFile("mask", ".properties");
        java.nio.file.Files.writeString(key, "mask.key=in place key\n");
        CliProcess.Result r = CliProcess.run(60, "mask-in-place", "--target", pg.conninfo(db), "--table", "people2",
                "--mask", "{\"email\": \"hash\", \"id\": \"hash\"}", "--hash-key-file", key.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        io.pgclone.core.mask.MaskStrategy.Hash h = new io.pgclone.core.mask.MaskStrategy.Hash(
                io.pgclone.core.mask.HashKey.of("in place key"));
        assertThat(query(db, "SELECT email FROM people2 WHERE id = " + h.maskLong(7)))
                .isEqualTo(h.maskText("user7@example.org"));
    }

    @Test
    void maskingPolicyDropGivesPublicNothingItDidNotHave() throws Exception {
        String db = database();
        CliProcess.Result r = CliProcess.run(60, "masking-policy", "create", "--target", pg.conninfo(db), "--table",
                "people2", "--mask", "{\"email\": \"email\"}", "--privileged-role", "postgres");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        CliProcess.Result drop = CliProcess.run(60, "masking-policy", "drop", "--target", pg.conninfo(db), "--table",
                "people2");
        assertThat(drop.exitCode()).as(drop.stderr()).isZero();
        assertThat(drop.stdout()).contains("OK: dropped masking policy on public.people2; its grants are as before create");
        assertThat(query(db, "SELECT has_table_privilege('public', 'public.people2', 'SELECT')")).isEqualTo("f");
        CliProcess.Result again = CliProcess.run(60, "masking-policy", "drop", "--target", pg.conninfo(db), "--table",
                "people2");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.stderr()).contains("there is no masking policy on public.people2");
    }

    private static JsonNode row(JsonNode rows, String table, String column) {
        for (JsonNode r : rows) {
            if (r.get("table").asText().equals(table) && r.get("column").asText().equals(column)) {
                return r;
            }
        }
        return null;
    }

    private String query(String db, String sql) throws SQLException {
        try (Connection c = pg.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String as(String user, String password, String db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + db,
                user, password); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
