package io.pgclone.it;

import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import io.pgclone.testkit.TableComparison;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A clone touches only what it created or was told to replace, end to end through a worker: a start-over never
 * empties a table it left as it was, an existing function is a conflict like a table, replace never drops what
 * lies outside the clone, and a table cloned next to its original gets keys and indexes of its own.
 */
class ConflictSafetyIT {
    private final PostgresServer pg = Servers.postgres(17);

    @Test
    void aStartOverNeverEmptiesATableTheCloneLeftAsItWas() throws Exception {
        String src = Databases.fresh(pg, "csk");
        String tgt = Databases.fresh(pg, "cskt");
        pg.execute(src, "CREATE TABLE public.t (id bigint PRIMARY KEY, payload text);"
                + " INSERT INTO public.t SELECT g, repeat(md5(g::text), 2) FROM generate_series(1, 150000) g; ANALYZE public.t;"
                + Fixtures.SLOW_FILTER_FUNCTION + ";"
                + " CREATE TABLE public.keep (id int PRIMARY KEY, v text); INSERT INTO public.keep VALUES (1, 'source')");
        pg.execute(tgt, "CREATE TABLE public.keep (id int PRIMARY KEY, v text); INSERT INTO public.keep VALUES (7, 'mine')");
        String prefix = CloneHarness.uniquePrefix("csk");
        Fixtures.SnapshotKiller killer = new Fixtures.SnapshotKiller(pg, tgt, prefix, // once the catalog is applied
                "SELECT count(*) FROM pgclone.jobs WHERE clone_id = '" + prefix + "' AND phase = 'data'");
        try {
            CloneHarness.cloneTables(prefix, pg, src, pg, tgt, "public.keep,public.t", Map.of(), c -> c
                    .with("chunk.pages", "200").with("snapshot.lost", "restart")
                    .with("table.options", Fixtures.slowFilter("public.t", 2)), s -> s.with("conflict", "skip"));
        } finally {
            killer.await();
        }
        assertThat(killer.await()).as("the snapshot's connection was terminated mid-clone").isTrue();
        assertThat(text(tgt, "SELECT min_generation FROM pgclone.jobs WHERE clone_id = '" + prefix + "'"))
                .as("the clone started over").isEqualTo("2");
        assertThat(text(tgt, "SELECT string_agg(id || ':' || v, ',') FROM public.keep")).isEqualTo("7:mine");
        try (Connection s = pg.connect(src); Connection t = pg.connect(tgt)) {
            assertThat(TableComparison.checksum(t, "public.t")).isEqualTo(TableComparison.checksum(s, "public.t"));
        }
    }

    @Test
    void skipLeavesAnExistingFunctionOfTheSameSignatureAsItIs() throws Exception {
        String src = Databases.fresh(pg, "csf");
        String tgt = Databases.fresh(pg, "csft");
        pg.execute(src, "CREATE SCHEMA s; CREATE FUNCTION s.f(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 1';"
                + " CREATE TABLE s.t (id int)");
        // the same signature and parameter names: CREATE OR REPLACE would replace it without a word
        pg.execute(tgt, "CREATE SCHEMA s; CREATE FUNCTION s.f(x int) RETURNS int LANGUAGE sql AS 'SELECT 42'");
        CloneHarness.cloneTables(CloneHarness.uniquePrefix("csf"), pg, src, pg, tgt, null, Map.of(),
                c -> c.with("tables", null).with("schemas", "s"), s -> s.with("conflict", "skip"));
        assertThat(text(tgt, "SELECT s.f(1)")).isEqualTo("42");
        assertThat(text(tgt, "SELECT to_regclass('s.t') IS NOT NULL")).isEqualTo("t");
        assertThat(text(tgt, "SELECT array_to_string(warnings, ' | ') FROM pgclone.jobs"))
                .contains("function s.f(x integer) already exists on the target: left as it is");
    }

    @Test
    void replaceStopsBeforeDroppingATableThatAViewOutsideTheCloneNeeds() throws Exception {
        String src = Databases.fresh(pg, "csr");
        String tgt = Databases.fresh(pg, "csrt");
        pg.execute(src, "CREATE SCHEMA s; CREATE TABLE s.t1 (id int PRIMARY KEY, name text)");
        pg.execute(tgt, "CREATE SCHEMA s; CREATE TABLE s.t1 (id int PRIMARY KEY, name text);"
                + " INSERT INTO s.t1 VALUES (1, 'old'); CREATE SCHEMA reports; CREATE VIEW reports.names AS SELECT name FROM s.t1");
        assertThatThrownBy(() -> CloneHarness.cloneTables(CloneHarness.uniquePrefix("csr"), pg, src, pg, tgt, null,
                Map.of(), c -> c.with("tables", null).with("schemas", "s"), s -> s.with("conflict", "replace")))
                .hasMessageContaining("objects outside the clone depend on them")
                .hasMessageContaining("view reports.names");
        assertThat(text(tgt, "SELECT string_agg(name, ',') FROM reports.names")).isEqualTo("old");
    }

    @Test
    void aTableClonedNextToItsOriginalGetsKeysIndexesAndASequenceOfItsOwn() throws Exception {
        String db = Databases.fresh(pg, "csn");
        pg.execute(db, "CREATE SCHEMA s; CREATE TABLE s.t (id serial PRIMARY KEY, name text UNIQUE);"
                + " CREATE INDEX t_name_lower_idx ON s.t (lower(name)); INSERT INTO s.t (name) SELECT 'n' || g"
                + " FROM generate_series(1, 40) g");
        CloneHarness.cloneTables(CloneHarness.uniquePrefix("csn"), pg, db, pg, db, "s.t", Map.of(),
                c -> c, s -> s.with("rename.tables", "s.t:t_copy"));
        assertThat(text(db, "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes"
                + " WHERE schemaname = 's' AND tablename = 't_copy'"))
                .isEqualTo("t_copy_name_key,t_copy_name_lower_idx,t_copy_pkey");
        assertThat(text(db, "SELECT pg_get_serial_sequence('s.t_copy', 'id')")).isEqualTo("s.t_copy_id_seq");
        assertThat(text(db, "SELECT nextval('s.t_copy_id_seq') || ',' || nextval('s.t_id_seq')")).isEqualTo("41,41");
        assertThat(text(db, "SELECT count(*) FROM s.t_copy")).isEqualTo("40");
    }

    @Test
    void aRenameTargetWithDotsSpacesQuotesAndNonAsciiCaseIsCreatedAsWritten() throws Exception {
        String db = Databases.fresh(pg, "csq");
        pg.execute(db, "CREATE SCHEMA s; CREATE TABLE s.t (id int PRIMARY KEY); INSERT INTO s.t VALUES (1), (2)");
        CloneHarness.cloneTables(CloneHarness.uniquePrefix("csq"), pg, db, pg, db, "s.t", Map.of(),
                c -> c, s -> s.with("rename.tables", "s.t:\"my.copy \"\"Été\"\"\""));
        assertThat(text(db, "SELECT count(*) FROM s.\"my.copy \"\"Été\"\"\"")).isEqualTo("2");
        assertThat(text(db, "SELECT count(*) FROM pg_class WHERE relname = 'my.copy \"Été\"'"
                + " AND relnamespace = 's'::regnamespace")).isEqualTo("1");
    }

    @Test
    void renameMovesATableWithA63ByteNameAsideToANameThatFits() throws Exception {
        String name = "t".repeat(63);
        String src = Databases.fresh(pg, "cs63");
        String tgt = Databases.fresh(pg, "cs63t");
        pg.execute(src, "CREATE TABLE public." + name + " (id int PRIMARY KEY); INSERT INTO public." + name + " VALUES (1), (2)");
        pg.execute(tgt, "CREATE TABLE public." + name + " (id int PRIMARY KEY); INSERT INTO public." + name + " VALUES (7)");
        CloneHarness.cloneTables(CloneHarness.uniquePrefix("cs63"), pg, src, pg, tgt, "public." + name, Map.of(),
                c -> c, s -> s.with("conflict", "rename"));
        assertThat(text(tgt, "SELECT string_agg(id::text, ',') FROM public." + "t".repeat(59) + "_old")).isEqualTo("7");
        assertThat(text(tgt, "SELECT count(*) FROM public." + name)).isEqualTo("2");
    }

    private String text(String db, String sql) {
        return Fixtures.query(pg, db, sql);
    }
}
