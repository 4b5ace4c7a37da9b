package io.pgclone.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgclone.core.mask.HashKey;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.ConfigFiles;
import io.pgclone.testkit.ConfigFiles.Connector;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Every source example in config/ validates against a database that has what it names; the masked one clones. */
class ConfigExamplesIT {
    private final PostgresServer pg = Servers.postgres(17);

    private String app() throws Exception {
        String db = Databases.fresh(pg, "app");
        Fixtures.run(pg, db, """
                CREATE TABLE public.accounts (id bigint PRIMARY KEY, email text NOT NULL, full_name text, phone text,
                  balance numeric(12,2), closed_at timestamptz);
                INSERT INTO public.accounts SELECT g, 'a' || g || '@bank.example', 'Holder ' || g, '+44 20 7946 ' || lpad(g::text, 4, '0'),
                  g * 10.5, CASE WHEN g % 10 = 0 THEN now() END FROM generate_series(1, 100) g;
                """);
        return db;
    }

    /** The example with its secrets file read from config/ (the workers here have no /etc/pgclone). */
    private static Connector load(String file) {
        Connector c = ConfigFiles.load(file);
        String key = c.config().get("mask.hash.key");
        return key == null ? c : c.with("mask.hash.key",
                key.replace("/etc/pgclone/", ConfigFiles.dir().toAbsolutePath() + "/"));
    }

    @Test
    void everySourceExampleValidates() throws Exception {
        String db = app();
        for (String file : new String[] {"clone-table.json", "clone-schema.json", "clone-database.json", "clone-masked.json"}) {
            Connector c = load(file).connectedTo("source", pg, db);
            Map<String, String> config = new HashMap<>(c.config());
            config.put("name", c.name());
            JsonNode result = Servers.stack().worker().rest().validate(c.config().get("connector.class"), config);
            assertThat(result.path("error_count").asInt()).as("%s: %s", file, result).isZero();
        }
    }

    @Test
    void theMaskedExampleClonesWithItsColumnsRowsAndMasks() throws Exception {
        String src = app();
        String tgt = Databases.fresh(pg, "appt");
        Connector masked = load("clone-masked.json");
        CloneHarness.cloneTables(CloneHarness.uniquePrefix("cfg"), pg, src, pg, tgt, "public.accounts", Map.of(),
                c -> {
                    Connector out = c;
                    for (Map.Entry<String, String> e : masked.config().entrySet()) {
                        if (e.getKey().startsWith("mask") || e.getKey().equals("table.options")) {
                            out = out.with(e.getKey(), e.getValue());
                        }
                    }
                    return out;
                });
        Properties secrets = new Properties();
        try (Reader r = Files.newBufferedReader(ConfigFiles.dir().resolve("secrets.properties"))) {
            secrets.load(r);
        }
        try (Connection c = pg.connect(tgt); Statement st = c.createStatement()) {
            assertThat(scalar(st, "SELECT count(*) FROM public.accounts")).isEqualTo("90");
            assertThat(scalar(st, "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute"
                    + " WHERE attrelid = 'public.accounts'::regclass AND attnum > 0")).isEqualTo("id,email,full_name,phone,balance");
            assertThat(scalar(st, "SELECT email || ' ' || full_name || ' ' || phone || ' ' || balance FROM public.accounts"
                    + " WHERE id = 7")).isEqualTo(HashKey.of(secrets.getProperty("mask.key")).hex("a7@bank.example")
                    + " XXXX +XX XX XXXX XX07 73.50");
        }
    }

    private static String scalar(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
