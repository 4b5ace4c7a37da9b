package io.pgclone.cli;

import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's scopes and pgclone's options string, end to end on the embedded stack. */
class CloneScopesIT {
    private final PostgresServer pg = Servers.postgres(17);

    private String source() throws Exception {
        String db = Databases.fresh(pg, "scope");
        pg.execute(db, """
                CREATE SCHEMA shop;
                CREATE TABLE shop.customers (id int PRIMARY KEY, email text NOT NULL, name text, city text);
                CREATE INDEX customers_city_idx ON shop.customers (city);
                CREATE AGGREGATE shop.concat_all(text) (sfunc = textcat, stype = text, initcond = '');
                CREATE FOREIGN DATA WRAPPER shop_fdw;
                CREATE SERVER shop_server FOREIGN DATA WRAPPER shop_fdw;
                CREATE FOREIGN TABLE shop.remote_orders (id int) SERVER shop_server;
                INSERT INTO shop.customers SELECT g, 'c' || g || '@shop.example', 'Customer ' || g,
                  (ARRAY['Oslo', 'Rome'])[g % 2 + 1] FROM generate_series(1, 120) g;
                """);
        return db;
    }

    @Test
    void aSchemaUnderANewNameWithoutIndexesMaskedWithAKeyAndTheWarningsInTheReport() throws Exception {
        String src = source();
        String tgt = Databases.fresh(pg, "scopet");
        Path key = Files.createTempFile("pgclone-key", ".properties");
        Files.writeString(key, "mask.key=cli secret\n");
        CliProcess.Result r = CliProcess.run(600, "clone", "--source", pg.conninfo(src), "--target", pg.conninfo(tgt),
                "--schema", "shop", "--target-schema", "shop_qa", "--options", "{\"indexes\": false}",
                "--mask", "{\"email\": \"hash\", \"name\": \"name\"}", "--hash-key-file", key.toString(),
                "--format", "json", "--no-progress", "--work-dir", Files.createTempDirectory("pgclone-cli").resolve("work").toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("Cloning schema(s) shop as clone");
        assertThat(r.stdout()).contains("Warnings (1):").contains("foreign table \"shop\".\"remote_orders\" is not cloned");
        assertThat(query(tgt, "SELECT shop_qa.concat_all(name ORDER BY id) IS NOT NULL FROM shop_qa.customers"))
                .as("the aggregate is cloned, into the renamed schema").isEqualTo("t");
        assertThat(query(tgt, "SELECT count(*) FROM shop_qa.customers")).isEqualTo("120");
        assertThat(query(tgt, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'shop_qa'")).isEqualTo("1"); // the pkey
        assertThat(query(tgt, "SELECT email FROM shop_qa.customers WHERE id = 5"))
                .isEqualTo(io.pgclone.core.mask.HashKey.of("cli secret").hex("c5@shop.example"));
        assertThat(query(tgt, "SELECT DISTINCT name FROM shop_qa.customers")).isEqualTo("XXXX");
        assertThat(query(tgt, "SELECT to_regnamespace('shop') IS NULL")).isEqualTo("t");
    }

    @Test
    void aTableWithPgclonesColumnsWhereAndMaskIntoANewDatabase() throws Exception {
        String src = source();
        String tgt = "scopenew_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100000;
        CliProcess.Result r = CliProcess.run(600, "clone", "--source", pg.conninfo(src), "--target", pg.conninfo(tgt),
                "--table", "shop.customers", "--create-database", "--options", "{\"columns\": [\"id\", \"email\","
                        + " \"city\"], \"where\": \"city = 'Oslo'\", \"mask\": {\"email\": \"email\"}, \"conflict\": \"skip\"}",
                "--format", "json", "--no-progress", "--work-dir", Files.createTempDirectory("pgclone-cli").resolve("work").toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(query(tgt, "SELECT count(*) FROM shop.customers")).isEqualTo("60");
        assertThat(query(tgt, "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute"
                + " WHERE attrelid = 'shop.customers'::regclass AND attnum > 0")).isEqualTo("id,email,city");
        assertThat(query(tgt, "SELECT email FROM shop.customers WHERE id = 4")).isEqualTo("c***@shop.example");
        assertThat(query(tgt, "SELECT count(*) FROM pg_indexes WHERE indexname = 'customers_city_idx'")).isEqualTo("1");
    }

    private String query(String db, String sql) throws Exception {
        try (Connection c = pg.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
