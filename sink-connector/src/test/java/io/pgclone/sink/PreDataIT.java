package io.pgclone.sink;

import io.pgclone.core.catalog.Catalog;
import io.pgclone.core.options.Renames;
import io.pgclone.core.catalog.CatalogObject;
import io.pgclone.core.options.Conflict;
import io.pgclone.core.options.SettingEnums;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sink's pre-data on a real target, read from a real source catalog (no Kafka): conflict handling touches only
 * what the clone was told to replace, the copy of a renamed table gets names of its own, schema renames reach
 * literals and bodies or are refused, and every statement runs as exactly one. Each refusal leaves the target as it
 * was (its relations, routines and comments, by OID).
 */
class PreDataIT {
    private static final String SOURCE = "CREATE SCHEMA s;"
            + " CREATE TYPE s.mood AS ENUM ('ok', 'sad');"
            + " CREATE TABLE s.t (id serial PRIMARY KEY, name text, m s.mood);"
            + " CREATE INDEX t_name_idx ON s.t (name);"
            + " CREATE FUNCTION s.f(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x + 1';";

    private final PostgresServer pg = Servers.postgres(17);

    private static TargetOptions conflict(String strategy) {
        return TargetOptions.conflict(SettingEnums.parse(Conflict.class, strategy));
    }

    // ------------------------------------------------------------------ defect 5: conflicts

    @Test
    void replaceStopsBeforeDroppingATableThatAViewOutsideTheCloneNeeds() throws Exception {
        TargetFixture f = new TargetFixture(pg, SOURCE, "CREATE SCHEMA s; CREATE TABLE s.t (id int PRIMARY KEY, name text);"
                + " CREATE SCHEMA other; CREATE VIEW other.names AS SELECT name FROM s.t;"
                + " CREATE TABLE other.child (t_id int REFERENCES s.t (id))");
        String before = f.snapshot();
        assertThatThrownBy(() -> f.apply("c1", f.read(TargetFixture.tables("s.t")), conflict("replace")))
                .hasMessageContaining("objects outside the clone depend on them")
                .hasMessageContaining("view other.names")
                .hasMessageContaining("constraint child_t_id_fkey on table other.child")
                .hasMessageContaining("nothing was changed");
        assertThat(f.snapshot()).isEqualTo(before);
    }

    @Test
    void replaceStopsBeforeDroppingATypeThatAColumnOfAnUnrelatedTableUses() throws Exception {
        TargetFixture f = new TargetFixture(pg, SOURCE, "CREATE SCHEMA s; CREATE TYPE s.mood AS ENUM ('x');"
                + " CREATE TABLE public.diary (day date, m s.mood)");
        String before = f.snapshot();
        assertThatThrownBy(() -> f.apply("c1", f.read(TargetFixture.schemas("s")), conflict("replace")))
                .hasMessageContaining("column m of table diary");
        assertThat(f.snapshot()).isEqualTo(before);
        assertThat(f.query("SELECT count(*) FROM public.diary")).isEqualTo("0");
    }

    @Test
    void replaceDropsWhatTheCloneReplacesWithoutCascadeWhenNothingElseNeedsIt() throws Exception {
        TargetFixture f = new TargetFixture(pg, SOURCE, "CREATE SCHEMA s; CREATE TYPE s.mood AS ENUM ('x');"
                + " CREATE TABLE s.t (id int PRIMARY KEY, m s.mood); CREATE VIEW s.v AS SELECT id FROM s.t");
        f.pg.execute(f.source, "CREATE VIEW s.v AS SELECT id, name FROM s.t");
        List<String> warnings = f.apply("c1", f.read(TargetFixture.schemas("s")), conflict("replace"));
        assertThat(warnings).anyMatch(w -> w.contains("s.t existed on the target and was dropped"));
        assertThat(f.query("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum"
                + " WHERE enumtypid = 's.mood'::regtype")).isEqualTo("ok,sad");
        assertThat(f.query("SELECT count(*) FROM pg_attribute WHERE attrelid = 's.v'::regclass AND attname = 'name'"))
                .isEqualTo("1");
    }

    @Test
    void errorAndSkipSeeAnExistingFunctionAndNeverReplaceIt() throws Exception {
        String target = "CREATE SCHEMA s; CREATE FUNCTION s.f(y integer) RETURNS integer LANGUAGE sql AS 'SELECT 42'";
        TargetFixture f = new TargetFixture(pg, SOURCE, target);
        String before = f.snapshot();
        assertThatThrownBy(() -> f.apply("c1", f.read(TargetFixture.schemas("s")), conflict("error")))
                .hasMessageContaining("already on the target: function s.f(x integer)")
                .hasMessageContaining("nothing was changed");
        assertThat(f.snapshot()).isEqualTo(before);

        List<String> warnings = f.apply("c2", f.read(TargetFixture.schemas("s")), conflict("skip"));
        assertThat(warnings).anyMatch(w -> w.contains("function s.f(x integer) already exists on the target"));
        assertThat(f.query("SELECT s.f(1)")).isEqualTo("42");
        assertThat(f.query("SELECT count(*) FROM s.t")).isEqualTo("0");
    }

    @Test
    void renameMovesAnExistingFunctionAsideAndReplaceReplacesItInPlace() throws Exception {
        String target = "CREATE SCHEMA s; CREATE FUNCTION s.f(y integer) RETURNS integer LANGUAGE sql AS 'SELECT 42';"
                + " CREATE FUNCTION s.f(y text) RETURNS text LANGUAGE sql AS 'SELECT y'";
        TargetFixture f = new TargetFixture(pg, SOURCE, target);
        f.apply("c1", f.read(TargetFixture.schemas("s")), conflict("rename"));
        assertThat(f.query("SELECT s.f_old(1)")).isEqualTo("42");
        assertThat(f.query("SELECT s.f(1)")).isEqualTo("2");
        assertThat(f.query("SELECT s.f('text'::text)")).isEqualTo("text"); // the other overload is not touched

        TargetFixture g = new TargetFixture(pg, SOURCE, "CREATE SCHEMA s; CREATE FUNCTION s.f(x integer) RETURNS"
                + " integer LANGUAGE sql AS 'SELECT 42'; CREATE VIEW public.uses_f AS SELECT s.f(1) AS v");
        g.apply("c1", g.read(TargetFixture.schemas("s")), conflict("replace"));
        assertThat(g.query("SELECT v FROM public.uses_f")).isEqualTo("2"); // replaced in place, the view kept
    }

    @Test
    void replaceStopsBeforeDroppingAFunctionThatCannotBeReplacedInPlaceWhenAViewOutsideUsesIt() throws Exception {
        TargetFixture f = new TargetFixture(pg, SOURCE, "CREATE SCHEMA s; CREATE FUNCTION s.f(y integer) RETURNS"
                + " integer LANGUAGE sql AS 'SELECT 42'; CREATE VIEW public.uses_f AS SELECT s.f(1) AS v");
        String before = f.snapshot();
        assertThatThrownBy(() -> f.apply("c1", f.read(TargetFixture.schemas("s")), conflict("replace")))
                .hasMessageContaining("function s.f(x integer)").hasMessageContaining("view uses_f");
        assertThat(f.snapshot()).isEqualTo(before);
    }

    @Test
    void renameFitsTheAsideNameOfA63ByteTableIn63Bytes() throws Exception {
        String name = "t".repeat(63);
        TargetFixture f = new TargetFixture(pg, "CREATE TABLE public." + name + " (id int PRIMARY KEY)",
                "CREATE TABLE public." + name + " (id int PRIMARY KEY); INSERT INTO public." + name + " VALUES (7)");
        List<String> warnings = f.apply("c1", f.read(TargetFixture.tables("public." + name)), conflict("rename"));
        String aside = "t".repeat(59) + "_old";
        assertThat(warnings).anyMatch(w -> w.contains("renamed to " + aside));
        assertThat(f.query("SELECT id FROM public." + aside)).isEqualTo("7");
        assertThat(f.query("SELECT count(*) FROM public." + name)).isEqualTo("0");
    }

    @Test
    void aTableClonedNextToItsOriginalGetsKeysIndexesAndSequencesOfItsOwn() throws Exception {
        TargetFixture f = new TargetFixture(pg, SOURCE, null);
        f.pg.execute(f.target, SOURCE); // the target already holds the original
        Renames.TableRename r = Renames.tables(List.of("s.t:t_copy")).get(0);
        TargetOptions o = new TargetOptions(Conflict.ERROR, Map.of(), List.of(r));
        Catalog cat = f.read(TargetFixture.tables("s.t"));
        f.apply("c1", cat.tables(), withoutExisting(cat), o);
        f.runPostData("c1");
        assertThat(f.query("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE tablename = 't_copy'"))
                .isEqualTo("t_copy_name_idx,t_copy_pkey");
        assertThat(f.query("SELECT pg_get_serial_sequence('s.t_copy', 'id')")).isEqualTo("s.t_copy_id_seq");
        assertThat(f.query("SELECT pg_get_serial_sequence('s.t', 'id')")).isEqualTo("s.t_id_seq");
    }

    @Test
    void anIndexWhoseNameIsTakenOnTheTargetStopsTheCloneBeforeAnythingIsCreated() throws Exception {
        TargetFixture f = new TargetFixture(pg, SOURCE, "CREATE SCHEMA s; CREATE TABLE s.t_name_idx (a int)");
        String before = f.snapshot();
        assertThatThrownBy(() -> f.apply("c1", f.read(TargetFixture.tables("s.t")), conflict("error")))
                .hasMessageContaining("index s.t_name_idx (of s.t) would take the name of a relation");
        assertThat(f.snapshot()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ defect 6: session settings, one statement

    @Test
    void aHostileCommentArrivesAsTextOnATargetWhoseDatabaseTurnsStandardConformingStringsOff() throws Exception {
        String comment = "x\\'); DROP TABLE public.victim; --";
        TargetFixture f = new TargetFixture(pg, "CREATE TABLE public.t (id int); COMMENT ON TABLE public.t IS "
                + "E'x\\\\''); DROP TABLE public.victim; --'",
                "CREATE TABLE public.victim (id int)");
        f.pg.execute("postgres", "ALTER DATABASE " + f.target + " SET standard_conforming_strings = off");
        f.apply("c1", f.read(TargetFixture.tables("public.t")), conflict("error"));
        assertThat(f.query("SELECT obj_description('public.t'::regclass, 'pg_class')")).isEqualTo(comment);
        assertThat(f.query("SELECT to_regclass('public.victim') IS NOT NULL")).isEqualTo("t");
    }

    @Test
    void anObjectWhoseSqlHoldsTwoStatementsIsRefusedAndNothingOfItRuns() throws Exception {
        TargetFixture f = new TargetFixture(pg, "CREATE TABLE public.t (id int)", "CREATE TABLE public.victim (id int)");
        Catalog cat = f.read(TargetFixture.tables("public.t"));
        List<CatalogObject> objects = new ArrayList<>(cat.objects());
        objects.add(0, new CatalogObject("comment", "comment:x", "public", "t", CatalogObject.PRE_DATA, null, List.of(),
                List.of(), List.of("CREATE TABLE public.first (id int); DROP TABLE public.victim"), null));
        String before = f.snapshot();
        assertThatThrownBy(() -> f.apply("c1", cat.tables(), objects, conflict("error")))
                .hasMessageContaining("cannot create comment x on the target").hasMessageContaining("holds 2 statements")
                .hasMessageContaining("SQL: CREATE TABLE public.first (id int); DROP TABLE public.victim");
        assertThat(f.snapshot()).isEqualTo(before);
        assertThat(f.query("SELECT to_regclass('public.first') IS NULL AND to_regclass('public.victim') IS NOT NULL"))
                .isEqualTo("t");
    }

    @Test
    void aStatementThatTurnsStandardConformingStringsOffIsRefused() throws Exception {
        TargetFixture f = new TargetFixture(pg, "CREATE TABLE public.t (id int)", null);
        Catalog cat = f.read(TargetFixture.tables("public.t"));
        List<CatalogObject> objects = new ArrayList<>(cat.objects());
        objects.add(0, new CatalogObject("comment", "comment:x", "public", "t", CatalogObject.PRE_DATA, null, List.of(),
                List.of(), List.of("SELECT set_config('standard_conforming_strings', 'off', true)"), null));
        assertThatThrownBy(() -> f.apply("c1", cat.tables(), objects, conflict("error")))
                .hasMessageContaining("turned standard_conforming_strings off");
        assertThat(f.query("SELECT to_regclass('public.t') IS NULL")).isEqualTo("t");
    }

    // ------------------------------------------------------------------ defect 10: schema renames

    @Test
    void aSchemaRenameReachesSequenceNamesInLiteralsSearchPathsAndCodeAfterComments() throws Exception {
        TargetFixture f = new TargetFixture(pg, "CREATE SCHEMA app; CREATE SEQUENCE app.s;"
                + " CREATE TABLE app.log (id int DEFAULT nextval('app.s'), msg text);"
                + " CREATE FUNCTION app.note(m text) RETURNS void LANGUAGE plpgsql SET search_path TO 'app' AS $$\n"
                + "BEGIN\n  -- don't write anywhere but app.log\n  INSERT INTO log (msg) VALUES (m);\n"
                + "  PERFORM setval('app.s', 100);\n  INSERT INTO app.log (msg) VALUES (m || '!');\nEND $$;"
                + " CREATE FUNCTION app.third() RETURNS bigint LANGUAGE sql AS $$ SELECT nextval('app.s') $$;", null);
        f.pg.execute(f.target, "CREATE SCHEMA app; CREATE TABLE app.log (id int, msg text); CREATE SEQUENCE app.s");
        TargetOptions o = new TargetOptions(Conflict.ERROR, Map.of("app", "app_staging"), List.of());
        f.apply("c1", f.read(TargetFixture.schemas("app")), o);
        f.query("SELECT count(*) FROM (SELECT app_staging.note('hi')) x");
        assertThat(f.query("SELECT count(*) FROM app.log")).isEqualTo("0"); // the original schema is not written
        assertThat(f.query("SELECT string_agg(msg, ',' ORDER BY msg) FROM app_staging.log")).isEqualTo("hi,hi!");
        assertThat(f.query("SELECT app_staging.third()")).isEqualTo("102");
        assertThat(f.query("SELECT last_value FROM app.s")).isEqualTo("1");
    }

    @Test
    void aSchemaRenameThatCannotReachDynamicSqlIsRefusedNamingTheFunction() throws Exception {
        TargetFixture f = new TargetFixture(pg, "CREATE SCHEMA app; CREATE TABLE app.log (msg text);"
                + " CREATE FUNCTION app.note(m text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN"
                + " EXECUTE 'INSERT INTO app.log VALUES ($1)' USING m; END $$", null);
        TargetOptions o = new TargetOptions(Conflict.ERROR, Map.of("app", "app_staging"), List.of());
        String before = f.snapshot();
        assertThatThrownBy(() -> f.apply("c1", f.read(TargetFixture.schemas("app")), o))
                .hasMessageContaining("cannot rename function app.note(m text)")
                .hasMessageContaining("mentions schema app")
                .hasMessageContaining("nothing was changed");
        assertThat(f.snapshot()).isEqualTo(before);
    }

    /** The catalog without the objects the target already has (its schema and sequence are shared). */
    private static List<CatalogObject> withoutExisting(Catalog cat) {
        return cat.objects().stream().filter(o -> !o.kind().equals("type") && !o.identity().startsWith("function:")
                && !o.identity().startsWith("owner:type") && !o.identity().startsWith("owner:function")).toList();
    }
}
