package io.pgclone.core.sql;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlRenamerTest {
    private final SqlRenamer r = new SqlRenamer(Map.of("s", "s2"),
            Map.of(new QualifiedName("s", "t1"), new QualifiedName("s", "t1_copy")));
    private final SqlRenamer app = new SqlRenamer(Map.of("app", "app_staging"), Map.of());

    @Test
    void renamesQualifiedNamesAndTables() {
        assertThat(r.apply("SELECT s.f(), x FROM s.t1 JOIN \"s\".t2 ON true WHERE c = 'x'"))
                .isEqualTo("SELECT \"s2\".f(), x FROM \"s\".\"t1_copy\" JOIN \"s2\".t2 ON true WHERE c = 'x'");
    }

    @Test
    void renamesTheNameAfterTheSchemaKeyword() {
        assertThat(r.apply("CREATE SCHEMA IF NOT EXISTS \"s\"")).isEqualTo("CREATE SCHEMA IF NOT EXISTS \"s2\"");
        assertThat(r.apply("ALTER SCHEMA s OWNER TO bob")).isEqualTo("ALTER SCHEMA \"s2\" OWNER TO bob");
        assertThat(r.apply("GRANT USAGE ON SCHEMA \"s\" TO PUBLIC")).isEqualTo("GRANT USAGE ON SCHEMA \"s2\" TO PUBLIC");
        assertThat(r.apply("CREATE SCHEMA other")).isEqualTo("CREATE SCHEMA other");
        assertThat(r.apply("SELECT schema, s FROM x")).isEqualTo("SELECT schema, s FROM x");
    }

    @Test
    void renamesLiteralsThatAreQualifiedNames() {
        assertThat(app.apply("SELECT pg_catalog.setval('app.s', 42, true)"))
                .isEqualTo("SELECT pg_catalog.setval('app_staging.s', 42, true)");
        assertThat(app.apply("DEFAULT nextval('app.\"Odd Seq\"'::regclass)"))
                .isEqualTo("DEFAULT nextval('app_staging.\"Odd Seq\"'::regclass)");
        assertThat(app.apply("SELECT 'app.f(app.t, integer)'::regprocedure"))
                .isEqualTo("SELECT 'app_staging.f(\"app_staging\".t, integer)'::regprocedure");
        assertThat(r.apply("SELECT 's.t1'::regclass, 's.t9'::regclass"))
                .isEqualTo("SELECT 's.t1_copy'::regclass, 's2.t9'::regclass");
        assertThat(app.apply("SELECT 'other.t'::regclass, 'just text'")).isEqualTo("SELECT 'other.t'::regclass, 'just text'");
    }

    @Test
    void renamesSearchPathSettingsGivenAsLiteralsOrIdentifiers() {
        assertThat(app.apply("CREATE FUNCTION app.f() RETURNS int LANGUAGE sql\n SET search_path TO 'app', 'public'\nAS $f$"
                + " SELECT 1 $f$")).contains("SET search_path TO 'app_staging', 'public'");
        assertThat(app.apply("SET search_path TO 'app, \"$user\"'")).isEqualTo("SET search_path TO 'app_staging, \"$user\"'");
        assertThat(app.apply("SET search_path = app, public")).isEqualTo("SET search_path = \"app_staging\", public");
        assertThat(app.apply("SELECT set_config('search_path', 'app', true)"))
                .isEqualTo("SELECT set_config('search_path', 'app_staging', true)");
        assertThat(app.apply("SET search_path TO app\nAS $$ SELECT app $$")).endsWith("AS $$ SELECT app $$");
    }

    @Test
    void renamesBodiesAfterLineCommentsHoldingQuotes() {
        String body = "CREATE FUNCTION app.f() RETURNS void LANGUAGE plpgsql AS $function$\nBEGIN\n"
                + "  -- don't forget: it's app.t we write to\n  INSERT INTO app.t VALUES (1);\n"
                + "  /* a 'quoted' /* nested */ comment */ UPDATE app.u SET x = 1;\nEND $function$";
        String out = app.apply(body);
        assertThat(out).contains("INSERT INTO \"app_staging\".t VALUES (1)").contains("UPDATE \"app_staging\".u SET")
                .contains("-- don't forget: it's app.t we write to");
    }

    @Test
    void refusesLiteralsThatMentionARenamedSchemaInsideText() {
        assertThatThrownBy(() -> app.apply("CREATE FUNCTION app.f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN"
                + " EXECUTE 'INSERT INTO app.log VALUES (1)'; END $$"))
                .isInstanceOf(SqlRenamer.Refused.class).hasMessageContaining("schema app");
        assertThatThrownBy(() -> app.apply("SELECT format('%I.%I', 'app', 't')")).isInstanceOf(SqlRenamer.Refused.class);
        assertThatThrownBy(() -> r.apply("SELECT 'SELECT * FROM s.t1'")).isInstanceOf(SqlRenamer.Refused.class);
        assertThat(app.applyLeniently("SELECT format('%I.%I', 'app', 't')")).isEqualTo("SELECT format('%I.%I', 'app', 't')");
    }

    @Test
    void refusesBodiesInOtherLanguagesThatMentionARenamedSchema() {
        assertThatThrownBy(() -> app.apply("CREATE FUNCTION app.f() RETURNS int LANGUAGE plpython3u AS $$\n"
                + "return plpy.execute('SELECT 1 FROM app.t')[0] $$"))
                .isInstanceOf(SqlRenamer.Refused.class).hasMessageContaining("plpython3u");
        assertThat(app.apply("CREATE FUNCTION app.g() RETURNS int LANGUAGE plpython3u AS $$ return 1 $$"))
                .startsWith("CREATE FUNCTION \"app_staging\".g()");
    }

    @Test
    void keepsEscapeStringsAndFoldsOnlyAsciiLetters() {
        SqlRenamer upper = new SqlRenamer(Map.of("Éco", "eco2"), Map.of());
        assertThat(upper.apply("SELECT ÉCO.t, éco.t FROM x")).isEqualTo("SELECT \"eco2\".t, éco.t FROM x");
        assertThat(app.apply("SELECT E'it\\'s', app.t")).isEqualTo("SELECT E'it\\'s', \"app_staging\".t");
    }
}
