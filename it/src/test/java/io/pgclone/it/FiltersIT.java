package io.pgclone.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgclone.stack.ConnectRestClient;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.ConfigFiles;
import io.pgclone.testkit.ConfigFiles.Connector;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * columns and where pushed into the COPY query, combined with masks; the ColumnFilter and RowFilter transforms with
 * the sink's reconciliation; and bad options refused by validate before anything runs.
 */
class FiltersIT {
    private static final String SOURCE_CLASS = "io.pgclone.source.PgCloneSourceConnector";
    private final PostgresServer pg = Servers.postgres(17);

    private String source() throws Exception {
        String db = Databases.fresh(pg, "filt");
        Fixtures.run(pg, db, """
                CREATE TABLE public.staff (id int PRIMARY KEY, email text NOT NULL, name text, salary int CHECK (salary > 0),
                  dept text, secret_note text);
                CREATE INDEX staff_note_idx ON public.staff (secret_note);
                CREATE INDEX staff_dept_idx ON public.staff (dept);
                INSERT INTO public.staff SELECT g, 'p' || g || '@example.com', 'Name ' || g, 500 + 10 * g,
                  (ARRAY['a', 'b', 'c', 'd'])[g % 4 + 1], 'note ' || g FROM generate_series(1, 200) g;
                """);
        return db;
    }

    @Test
    void columnsWhereAndMasksCombineOnOneTable() throws Exception {
        String src = source();
        String tgt = Databases.fresh(pg, "filtt");
        CloneHarness.cloneTables(CloneHarness.uniquePrefix("filt"), pg, src, pg, tgt, "public.staff", Map.of(),
                c -> c.with("table.options", "{\"public.staff\": {\"columns\": [\"id\", \"email\", \"salary\", \"dept\"],"
                                + " \"where\": \"salary > 1000 AND dept IN ('a', 'b')\"}}")
                        .with("transforms", "mask").with("transforms.mask.type", "io.pgclone.transforms.Mask")
                        .with("transforms.mask.mask", "{\"email\": \"email\"}"));
        try (Connection c = pg.connect(tgt); Statement st = c.createStatement()) {
            assertThat(scalar(st, "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid ="
                    + " 'public.staff'::regclass AND attnum > 0")).isEqualTo("id,email,salary,dept");
            assertThat(scalar(st, "SELECT count(*) FROM public.staff")).isEqualTo(expected(src,
                    "SELECT count(*) FROM public.staff WHERE salary > 1000 AND dept IN ('a', 'b')"));
            assertThat(scalar(st, "SELECT email FROM public.staff WHERE id = 100")).isEqualTo("p***@example.com");
            assertThat(scalar(st, "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes"
                    + " WHERE tablename = 'staff'")).isEqualTo("staff_dept_idx,staff_pkey");
            assertThat(scalar(st, "SELECT array_to_string(warnings, ' | ') FROM pgclone.jobs"))
                    .contains("index public.staff_note_idx is left out: it needs column secret_note of public.staff,"
                            + " which the clone leaves out");
        }
    }

    @Test
    void aColumnDroppedByATransformIsNotCreatedAndWhatNeedsItIsLeftOut() throws Exception {
        String src = source();
        String tgt = Databases.fresh(pg, "filtt");
        CloneHarness.cloneTables(CloneHarness.uniquePrefix("filt"), pg, src, pg, tgt, "public.staff", Map.of(),
                c -> c.with("transforms", "drop").with("transforms.drop.type", "io.pgclone.transforms.ColumnFilter")
                        .with("transforms.drop.exclude", "secret_note"));
        try (Connection c = pg.connect(tgt); Statement st = c.createStatement()) {
            assertThat(scalar(st, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.staff'::regclass"
                    + " AND attname = 'secret_note' AND NOT attisdropped")).isEqualTo("0");
            assertThat(scalar(st, "SELECT count(*) FROM public.staff")).isEqualTo("200");
            assertThat(scalar(st, "SELECT count(*) FROM pg_indexes WHERE indexname = 'staff_note_idx'")).isEqualTo("0");
            assertThat(scalar(st, "SELECT count(*) FROM pg_indexes WHERE indexname = 'staff_dept_idx'")).isEqualTo("1");
            assertThat(scalar(st, "SELECT array_to_string(warnings, ' | ') FROM pgclone.jobs"))
                    .contains("index public.staff_note_idx is left out: it needs a column that does not arrive");
        }
    }

    @Test
    void aRowFilterTransformDropsRowsAndTheChunksStillAddUp() throws Exception {
        String src = source();
        String tgt = Databases.fresh(pg, "filtt");
        String prefix = CloneHarness.uniquePrefix("filt");
        CloneHarness.cloneTables(prefix, pg, src, pg, tgt, "public.staff", Map.of(),
                c -> c.with("transforms", "rows").with("transforms.rows.type", "io.pgclone.transforms.RowFilter")
                        .with("transforms.rows.where", "dept = 'a' OR name LIKE '%7'")
                        .with("transforms.rows.predicate", "staff")
                        .with("predicates", "staff")
                        .with("predicates.staff.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches")
                        .with("predicates.staff.pattern", prefix.replace(".", "\\.") + "\\.public\\.staff"));
        try (Connection c = pg.connect(tgt); Statement st = c.createStatement()) {
            assertThat(scalar(st, "SELECT count(*) FROM public.staff")).isEqualTo(expected(src,
                    "SELECT count(*) FROM public.staff WHERE dept = 'a' OR name LIKE '%7'"));
        }
    }

    @Test
    void aWhereThatIsNotAnExpressionIsRefusedByValidateAndNothingRuns() throws Exception {
        String src = source();
        String tgt = Databases.fresh(pg, "filtt");
        for (String where : List.of("salary > 0; DROP TABLE staff", "salary > 0 OR EXISTS (SELECT 1 FROM (DROP TABLE staff))",
                "id IN (UPDATE staff SET salary = 0 RETURNING id)",
                "id IN (WITH d AS (DELETE FROM staff RETURNING id) SELECT id FROM d)",
                "salary > 0) TO STDOUT; COPY staff FROM PROGRAM 'x' --", "no_such_column > 1",
                // passed the old keyword check, which took namE' for the start of an E'' string; the driver split it
                // and the server ran COMMIT, then the DELETE, during validate
                "note = namE'\\' ) ; COMMIT; BEGIN; DELETE FROM staff; COMMIT; SELECT 1 --'",
                "dept = €$q$; DELETE FROM staff; $q$",
                "pg_terminate_backend(pg_backend_pid())", "set_config('default_transaction_read_only', 'off', false) <> ''",
                "pg_sleep(600) IS NULL", "EXISTS (SELECT 1 FROM pg_authid)", "length(table_to_xml('pg_authid', true, false, '')::text) > 0")) {
            Connector c = staff(src, tgt).with("table.options", "{\"public.staff\": {\"where\": " + json(where) + "}}");
            Map<String, List<String>> errors = errors(c);
            assertThat(errors).as(where).containsOnlyKeys("table.options");
            assertThat(errors.get("table.options").get(0)).as(where).contains("where");
            ConnectRestClient rest = Servers.stack().worker().rest();
            assertThatThrownBy(() -> rest.put(c.name(), c.config())).as(where)
                    .isInstanceOf(ConnectRestClient.ConnectRestException.class);
            assertThat(rest.connectors()).doesNotContain(c.name());
        }
        assertThat(expected(src, "SELECT count(*) || ':' || sum(salary) FROM public.staff"))
                .isEqualTo("200:301000");
        try (Connection c = pg.connect(tgt); Statement st = c.createStatement()) {
            assertThat(scalar(st, "SELECT count(*) FROM pg_class WHERE relname IN ('staff', 'jobs')")).isEqualTo("0");
        }
    }

    /**
     * A filter that fails on a row's value (here a cast of the email) stops the task with the SQLSTATE only: the
     * server's message, which quotes the value, reaches neither the connector status nor the worker's log.
     */
    @Test
    void aFilterFailingOnARowShowsNoValueInStatusOrLog() throws Exception {
        String src = source();
        String marker = "leak" + System.nanoTime();
        pg.execute(src, "INSERT INTO public.staff VALUES (1000, '" + marker + "@example.com', 'n', 600, 'a', 'x')");
        Connector c = staff(src, "x").with("table.options", "{\"public.staff\": {\"where\": \"email::int > 0\"}}")
                .with("topic.prefix", CloneHarness.uniquePrefix("leak"));
        ConnectRestClient rest = Servers.stack().worker().rest();
        rest.put(c.name(), c.config());
        try {
            java.util.concurrent.atomic.AtomicReference<String> trace = new java.util.concurrent.atomic.AtomicReference<>();
            io.pgclone.testkit.Await.until("the task to fail", java.time.Duration.ofMinutes(2), () -> {
                for (JsonNode t : rest.status(c.name()).path("tasks")) {
                    if ("FAILED".equals(t.path("state").asText())) {
                        trace.set(t.path("trace").asText());
                    }
                }
                return trace.get() != null;
            });
            assertThat(trace.get()).contains("SQLSTATE 22P02").doesNotContain(marker);
        } finally {
            rest.delete(c.name());
        }
        // every file of the broker and the worker: their logs, and the topics' segments too
        try (var files = java.nio.file.Files.walk(Servers.stack().dir())) {
            for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                String bytes = new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(f.toString()).doesNotContain(marker);
            }
        }
    }

    @Test
    void validateRefusesMasksThatWouldLeakOrBreakTheLoad() throws Exception {
        String src = source();
        Connector misspelled = staff(src, "x").with("transforms", "mask")
                .with("transforms.mask.type", "io.pgclone.transforms.Mask")
                .with("transforms.mask.mask", "{\"emial\": \"email\"}");
        assertThat(errors(misspelled).get("transforms.mask.mask")).singleElement().asString()
                .contains("column emial is in no table of the clone");
        Connector unfit = misspelled.with("transforms.mask.mask", "{\"id\": \"hash\", \"email\": \"null\"}");
        assertThat(errors(unfit).get("transforms.mask.mask")).anySatisfy(e -> assertThat(e)
                .contains("table public.staff: column id (integer): hash gives a pseudonym for text, bigint and uuid"))
                .anySatisfy(e -> assertThat(e).contains("column email (text): null cannot mask a NOT NULL column"));
        Connector notInClone = misspelled.with("transforms.mask.mask", null)
                .with("transforms.mask.masks", "{\"payroll\": {\"email\": \"email\"}}");
        assertThat(errors(notInClone).get("transforms.mask.masks")).singleElement().asString()
                .contains("table payroll is not in the clone");
    }

    /** A hash key the worker could not resolve (no such provider, or no such key in the file) passes on as text. */
    @Test
    void validatePutsAHashKeyTheWorkerCouldNotResolveOnHashKey() throws Exception {
        String src = source();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("pgclone-hkv");
        java.nio.file.Path noKey = java.nio.file.Files.writeString(dir.resolve("nokey.properties"), "mask.kee=typo\n");
        java.nio.file.Path good = java.nio.file.Files.writeString(dir.resolve("good.properties"), "mask.key=k\n");
        Connector hashed = staff(src, "x").with("transforms", "mask")
                .with("transforms.mask.type", "io.pgclone.transforms.Mask")
                .with("transforms.mask.mask", "{\"email\": \"hash\"}");
        for (String unresolved : List.of("${file:" + noKey + ":mask.key}", "${vault:secret/pgclone:mask.key}")) {
            Map<String, List<String>> errors = errors(hashed.with("transforms.mask.hash.key", unresolved));
            assertThat(errors).as(unresolved).containsOnlyKeys("transforms.mask.hash.key");
            assertThat(errors.get("transforms.mask.hash.key")).singleElement().asString().contains("not resolved")
                    .doesNotContain("nokey.properties").doesNotContain("vault");
        }
        assertThat(errors(hashed.with("transforms.mask.hash.key", "${file:" + good + ":mask.key}"))).isEmpty();
    }

    private Connector staff(String src, String tgt) {
        return ConfigFiles.load("clone-table.json").named(CloneHarness.uniquePrefix("filt") + "-source")
                .connectedTo("source", pg, src).with("tables", "public.staff");
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Map<String, List<String>> errors(Connector c) {
        Map<String, String> config = new HashMap<>(c.config());
        config.put("name", c.name());
        JsonNode result = Servers.stack().worker().rest().validate(SOURCE_CLASS, config);
        Map<String, List<String>> out = new HashMap<>();
        for (JsonNode v : result.path("configs")) {
            List<String> errs = new ArrayList<>();
            v.path("value").path("errors").forEach(e -> errs.add(e.asText()));
            if (!errs.isEmpty()) {
                out.computeIfAbsent(v.path("value").path("name").asText(), k -> new ArrayList<>()).addAll(errs);
            }
        }
        return out;
    }

    private String expected(String db, String sql) throws Exception {
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            return scalar(st, sql);
        }
    }

    private static String scalar(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
