package io.pgclone.it;

import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.ConfigFiles.Connector;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each scope, each switch and each conflict strategy, shown by its effect on the target (fixtures/options.sql). */
class DdlOptionsIT {
    private final PostgresServer pg = Servers.postgres(17);

    private String source() throws Exception {
        String db = Databases.fresh(pg, "opt");
        Fixtures.run(pg, db, Fixtures.read("options.sql"));
        return db;
    }

    private void clone(String src, String tgt, UnaryOperator<Connector> source) {
        CloneHarness.cloneTables(CloneHarness.uniquePrefix("opt"), pg, src, pg, tgt, null, Map.of(),
                c -> source.apply(c.with("tables", null)));
    }

    private void clone(String src, String tgt, UnaryOperator<Connector> source, UnaryOperator<Connector> sink) {
        CloneHarness.cloneTables(CloneHarness.uniquePrefix("opt"), pg, src, pg, tgt, null, Map.of(),
                c -> source.apply(c.with("tables", null)), sink);
    }

    @Test
    void tableScopeClonesOneTableUnderANewName() throws Exception {
        String src = source();
        String tgt = Databases.fresh(pg, "optt");
        clone(src, tgt, c -> c.with("tables", "s.t1"), s -> s.with("rename.tables", "s.t1:t1_copy"));
        assertThat(query(tgt, "SELECT count(*) FROM s.t1_copy")).isEqualTo("100");
        assertThat(query(tgt, "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relid = 's.t1_copy'::regclass"))
                .as("analyzed after its load (post.data.analyze on by default)").isEqualTo("t");
        assertThat(query(tgt, "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 's'"))
                .isEqualTo("t1_copy_name_idx,t1_copy_pkey"); // the copy's key is named after the copy
        assertThat(query(tgt, "SELECT count(*) FROM pg_constraint WHERE conrelid = 's.t1_copy'::regclass AND contype = 'c'"))
                .isEqualTo("1");
        assertThat(query(tgt, "SELECT to_regclass('s.t2') IS NULL AND to_regclass('s.t1') IS NULL")).isEqualTo("t");
    }

    @Test
    void schemaScopeClonesEverythingUnderANewSchemaName() throws Exception {
        String src = source();
        String tgt = Databases.fresh(pg, "optt");
        clone(src, tgt, c -> c.with("schemas", "s"), s -> s.with("rename.schemas", "s:s2"));
        assertThat(query(tgt, "SELECT count(*) FROM s2.t1")).isEqualTo("100");
        assertThat(query(tgt, "SELECT n FROM s2.mv")).isEqualTo("100");
        assertThat(query(tgt, "SELECT count(*) FROM s2.v")).isEqualTo("100");
        assertThat(query(tgt, "SELECT s2.f()")).isEqualTo("1");
        assertThat(query(tgt, "SELECT confrelid::regclass::text FROM pg_constraint WHERE conrelid = 's2.t2'::regclass"
                + " AND contype = 'f'")).isEqualTo("s2.t1");
        assertThat(query(tgt, "SELECT tgfoid::regproc::text FROM pg_trigger WHERE tgname = 't1_touch'")).isEqualTo("s2.touch");
        assertThat(query(tgt, "SELECT to_regnamespace('s') IS NULL")).isEqualTo("t");
    }

    @Test
    void databaseCreateMakesTheTargetDatabase() throws Exception {
        String src = source();
        String tgt = "optnew_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100000;
        clone(src, tgt, c -> c.with("schemas", "*"), s -> s.with("target.database.create", "true")
                .with("post.data.analyze", "false"));
        assertThat(query(tgt, "SELECT count(*) FROM s.t2")).isEqualTo("50");
        assertThat(query(tgt, "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = 's' AND last_analyze IS NOT NULL"))
                .as("post.data.analyze=false").isEqualTo("0");
    }

    @Test
    void functionsOnlyClonesJustFunctions() throws Exception {
        String src = source();
        String tgt = Databases.fresh(pg, "optt");
        clone(src, tgt, c -> c.with("schemas", "s").with("functions.only", "true"));
        assertThat(query(tgt, "SELECT string_agg(proname, ',' ORDER BY proname) FROM pg_proc"
                + " WHERE pronamespace = 's'::regnamespace")).isEqualTo("f,touch");
        assertThat(query(tgt, "SELECT count(*) FROM pg_class WHERE relnamespace = 's'::regnamespace")).isEqualTo("0");
    }

    @Test
    void structureOnlyCreatesEmptyTablesWithTheirIndexes() throws Exception {
        String src = source();
        String tgt = Databases.fresh(pg, "optt");
        clone(src, tgt, c -> c.with("schemas", "s").with("include.data", "false"));
        assertThat(query(tgt, "SELECT count(*) FROM s.t1")).isEqualTo("0");
        assertThat(query(tgt, "SELECT count(*) FROM pg_indexes WHERE schemaname = 's' AND indexname = 't1_name_idx'"))
                .isEqualTo("1");
    }

    @Test
    void switchesLeaveOutIndexesConstraintsTriggersAndMatviews() throws Exception {
        String src = source();
        String tgt = Databases.fresh(pg, "optt");
        clone(src, tgt, c -> c.with("schemas", "s").with("indexes", "false").with("constraints", "false")
                .with("triggers", "false").with("matviews", "false"));
        assertThat(query(tgt, "SELECT count(*) FROM s.t1")).isEqualTo("100");
        assertThat(query(tgt, "SELECT count(*) FROM pg_indexes WHERE schemaname = 's'")).isEqualTo("0");
        assertThat(query(tgt, "SELECT count(*) FROM pg_constraint WHERE connamespace = 's'::regnamespace"
                + " AND contype <> 'n'")).isEqualTo("0");
        assertThat(query(tgt, "SELECT count(*) FROM pg_trigger WHERE tgname = 't1_touch'")).isEqualTo("0");
        assertThat(query(tgt, "SELECT to_regclass('s.mv') IS NULL")).isEqualTo("t");
        assertThat(query(tgt, "SELECT count(*) FROM s.v")).isEqualTo("100");
    }

    @Test
    void conflictErrorStopsBeforeChangingAnything() throws Exception {
        String src = source();
        String tgt = existingTarget();
        assertThatThrownBy(() -> clone(src, tgt, c -> c.with("schemas", "s")))
                .hasMessageContaining("already on the target: table s.t1");
        assertThat(query(tgt, "SELECT string_agg(name, ',') FROM s.t1")).isEqualTo("old");
        assertThat(query(tgt, "SELECT to_regclass('s.t2') IS NULL")).isEqualTo("t");
    }

    @Test
    void conflictSkipLeavesTheExistingTableAndClonesTheRest() throws Exception {
        String src = source();
        String tgt = existingTarget();
        clone(src, tgt, c -> c.with("schemas", "s"), s -> s.with("conflict", "skip"));
        assertThat(query(tgt, "SELECT string_agg(name, ',') FROM s.t1")).isEqualTo("old");
        assertThat(query(tgt, "SELECT count(*) FROM s.t2")).isEqualTo("50");
    }

    @Test
    void conflictReplaceDropsAndClonesAgain() throws Exception {
        String src = source();
        String tgt = existingTarget();
        clone(src, tgt, c -> c.with("schemas", "s"), s -> s.with("conflict", "replace"));
        assertThat(query(tgt, "SELECT count(*) FROM s.t1")).isEqualTo("100");
        assertThat(query(tgt, "SELECT count(*) FROM s.t2")).isEqualTo("50");
    }

    @Test
    void conflictRenameMovesTheExistingTableAside() throws Exception {
        String src = source();
        String tgt = existingTarget();
        clone(src, tgt, c -> c.with("schemas", "s"), s -> s.with("conflict", "rename"));
        assertThat(query(tgt, "SELECT string_agg(name, ',') FROM s.t1_old")).isEqualTo("old");
        assertThat(query(tgt, "SELECT count(*) FROM s.t1")).isEqualTo("100");
        assertThat(query(tgt, "SELECT count(*) FROM pg_indexes WHERE indexname = 't1_pkey_old'")).isEqualTo("1");
    }

    @Test
    void anExistingFunctionStopsTheCloneUnderConflictErrorAndLeavesNothingHalfDone() throws Exception {
        String src = source();
        String tgt = Databases.fresh(pg, "optt");
        Fixtures.run(pg, tgt, "CREATE SCHEMA s; CREATE FUNCTION s.f() RETURNS text LANGUAGE sql AS 'SELECT ''x''::text'");
        assertThatThrownBy(() -> clone(src, tgt, c -> c.with("schemas", "s")))
                .hasMessageContaining("already on the target: function s.f()")
                .hasMessageContaining("nothing was changed");
        // the pre-data ran in one transaction: nothing of the clone is left behind, the function is as it was
        assertThat(query(tgt, "SELECT count(*) FROM pg_class WHERE relnamespace = 's'::regnamespace")).isEqualTo("0");
        assertThat(query(tgt, "SELECT count(*) FROM pg_proc WHERE pronamespace = 's'::regnamespace")).isEqualTo("1");
        assertThat(query(tgt, "SELECT s.f()")).isEqualTo("x");
    }

    @Test
    void anObjectThatCannotBeClonedIsNamedInTheWarnings() throws Exception {
        String src = source();
        Fixtures.run(pg, src, "CREATE AGGREGATE s.agg_concat(text) (sfunc = textcat, stype = text, initcond = '');"
                + " CREATE RULE t2_protect AS ON DELETE TO s.t2 DO INSTEAD NOTHING;"
                + " CREATE COLLATION s.bytewise FROM \"C\";"
                + " CREATE FOREIGN DATA WRAPPER opt_fdw; CREATE SERVER opt_server FOREIGN DATA WRAPPER opt_fdw;"
                + " CREATE FOREIGN TABLE s.remote (id int) SERVER opt_server");
        String tgt = Databases.fresh(pg, "optt");
        clone(src, tgt, c -> c.with("schemas", "s"));
        assertThat(query(tgt, "SELECT array_to_string(warnings, ' | ') FROM pgclone.jobs"))
                .contains("foreign table \"s\".\"remote\" is not cloned")
                .doesNotContain("rule t2_protect").doesNotContain("agg_concat").doesNotContain("bytewise");
        assertThat(query(tgt, "SELECT s.agg_concat(name ORDER BY id) FROM (VALUES (1, 'a'), (2, 'b')) v(id, name)"))
                .as("aggregates are cloned now").isEqualTo("ab");
        assertThat(query(tgt, "SELECT collprovider FROM pg_collation WHERE collname = 'bytewise'"))
                .as("collations are cloned now").isEqualTo("c");
        assertThat(query(tgt, "SELECT count(*) FROM s.t2")).isEqualTo("50");
        assertThat(query(tgt, "SELECT count(*) FROM pg_rules WHERE schemaname = 's' AND rulename = 't2_protect'"))
                .as("rules are cloned now").isEqualTo("1");
    }

    /** A target that already has a table s.t1 of its own, with one row. */
    private String existingTarget() throws Exception {
        String tgt = Databases.fresh(pg, "optt");
        Fixtures.run(pg, tgt, "CREATE SCHEMA s; CREATE TABLE s.t1 (id int PRIMARY KEY, name text);"
                + " INSERT INTO s.t1 VALUES (1, 'old')");
        return tgt;
    }

    private String query(String db, String sql) throws Exception {
        try (Connection c = pg.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
