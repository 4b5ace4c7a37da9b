package io.pgclone.it;

import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Source catalogs written to attack the target, end to end through a worker: a comment that would end its literal
 * early on a target database with standard_conforming_strings off, and functions whose schema references hide in
 * literals, search_path settings and after comments (renamed), or in dynamic SQL (refused, naming the function).
 */
class HostileCatalogIT {
    private final PostgresServer pg = Servers.postgres(17);

    @Test
    void aCommentWithABackslashAndAQuoteIsTextOnATargetWithStandardConformingStringsOff() throws Exception {
        String src = Databases.fresh(pg, "hcs");
        String tgt = Databases.fresh(pg, "hcst");
        pg.execute(src, "CREATE TABLE public.t (id int); COMMENT ON TABLE public.t IS E'x\\\\''); DROP TABLE"
                + " public.victim; --'; COMMENT ON COLUMN public.t.id IS E'\\\\'");
        pg.execute(tgt, "CREATE TABLE public.victim (id int)");
        pg.execute("postgres", "ALTER DATABASE " + tgt + " SET standard_conforming_strings = off");
        CloneHarness.cloneTables(CloneHarness.uniquePrefix("hcs"), pg, src, pg, tgt, "public.t", Map.of(), c -> c);
        assertThat(text(tgt, "SELECT obj_description('public.t'::regclass, 'pg_class')"))
                .isEqualTo("x\\'); DROP TABLE public.victim; --");
        assertThat(text(tgt, "SELECT col_description('public.t'::regclass, 1)")).isEqualTo("\\");
        assertThat(text(tgt, "SELECT to_regclass('public.victim') IS NOT NULL")).isEqualTo("t");
    }

    @Test
    void aRenamedSchemaReachesSequenceLiteralsSearchPathsAndCodeAfterComments() throws Exception {
        String src = Databases.fresh(pg, "hcr");
        String tgt = Databases.fresh(pg, "hcrt");
        pg.execute(src, "CREATE SCHEMA app; CREATE SEQUENCE app.s;"
                + " CREATE TABLE app.log (id int DEFAULT nextval('app.s'), msg text);"
                + " CREATE FUNCTION app.note(m text) RETURNS void LANGUAGE plpgsql SET search_path TO 'app' AS $$\n"
                + "BEGIN\n  -- don't write anywhere but app.log\n  INSERT INTO log (msg) VALUES (m);\n"
                + "  PERFORM setval('app.s', 100);\n  INSERT INTO app.log (msg) VALUES (m || '!');\nEND $$");
        pg.execute(tgt, "CREATE SCHEMA app; CREATE SEQUENCE app.s; CREATE TABLE app.log (id int, msg text)");
        CloneHarness.cloneTables(CloneHarness.uniquePrefix("hcr"), pg, src, pg, tgt, null, Map.of(),
                c -> c.with("tables", null).with("schemas", "app"), s -> s.with("rename.schemas", "app:app_staging"));
        text(tgt, "SELECT count(*) FROM (SELECT app_staging.note('hi')) x");
        assertThat(text(tgt, "SELECT count(*) FROM app.log")).isEqualTo("0");
        assertThat(text(tgt, "SELECT string_agg(id || ':' || msg, ',' ORDER BY id) FROM app_staging.log"))
                .isEqualTo("1:hi,101:hi!");
        assertThat(text(tgt, "SELECT is_called FROM app.s")).isEqualTo("f");
    }

    @Test
    void aRenamedSchemaThatDynamicSqlNamesStopsTheCloneNamingTheFunction() throws Exception {
        String src = Databases.fresh(pg, "hcd");
        String tgt = Databases.fresh(pg, "hcdt");
        pg.execute(src, "CREATE SCHEMA app; CREATE TABLE app.log (msg text);"
                + " CREATE FUNCTION app.note(m text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN"
                + " EXECUTE 'INSERT INTO app.log VALUES ($1)' USING m; END $$");
        assertThatThrownBy(() -> CloneHarness.cloneTables(CloneHarness.uniquePrefix("hcd"), pg, src, pg, tgt, null,
                Map.of(), c -> c.with("tables", null).with("schemas", "app"), s -> s.with("rename.schemas", "app:app_staging")))
                .hasMessageContaining("cannot rename function app.note(m text)")
                .hasMessageContaining("mentions schema app");
        assertThat(text(tgt, "SELECT to_regnamespace('app_staging') IS NULL")).isEqualTo("t");
    }

    private String text(String db, String sql) {
        return Fixtures.query(pg, db, sql);
    }
}
