package io.pgclone.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgclone.core.catalog.Catalog;
import io.pgclone.core.catalog.CatalogDiff;
import io.pgclone.core.catalog.CatalogReader;
import io.pgclone.core.catalog.Scope;
import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.sql.SqlRenamer;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * diff's JSON reports a changed default, a dropped index, a changed index definition, a changed view body and an
 * extra trigger, each in its category; an identical schema is in_sync. Both directions across majors.
 */
class DiffJsonIT {
    private static final String SCHEMA = """
            CREATE TABLE public.t (id int PRIMARY KEY, v text DEFAULT 'a', n int);
            CREATE INDEX t_v_idx ON public.t (v);
            CREATE INDEX t_n_idx ON public.t (n);
            CREATE VIEW public.tv AS SELECT id, v FROM public.t;
            CREATE FUNCTION public.trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
            """;

    @ParameterizedTest(name = "PostgreSQL {0} -> {1}")
    @CsvSource({"17, 17", "14, 18", "18, 14"})
    void reportsEachKindOfDriftInItsCategoryAndInSyncOnAnExactCopy(int from, int to) throws Exception {
        PostgresServer a = Servers.postgres(from);
        PostgresServer b = Servers.postgres(to);
        String src = Databases.fresh(a, "diff");
        String tgt = Databases.fresh(b, "difft");
        a.execute(src, SCHEMA);
        b.execute(tgt, SCHEMA);
        assertThat(diff(a, src, b, tgt, from != to).get("in_sync").asBoolean()).isTrue();

        b.execute(tgt, "ALTER TABLE public.t ALTER COLUMN v SET DEFAULT 'b'; DROP INDEX public.t_v_idx;"
                + " DROP INDEX public.t_n_idx; CREATE INDEX t_n_idx ON public.t (n DESC);"
                + " CREATE OR REPLACE VIEW public.tv AS SELECT id, v FROM public.t WHERE id > 0;"
                + " CREATE TRIGGER t_extra BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.trg()");
        JsonNode d = diff(a, src, b, tgt, from != to);

        assertThat(d.get("in_sync").asBoolean()).isFalse();
        JsonNode table = d.path("modified").path("tables").get(0);
        assertThat(table.path("identity").asText()).isEqualTo("public.t");
        assertThat(table.path("columns").get(0).path("column").asText()).isEqualTo("v");
        assertThat(table.path("columns").get(0).path("default").path("target").asText()).isEqualTo("'b'::text");
        assertThat(d.path("only_in_source").path("indexes").toString()).contains("t_v_idx");
        assertThat(d.path("modified").path("indexes").toString()).contains("t_n_idx");
        assertThat(d.path("modified").path("views").toString()).contains("public.tv");
        assertThat(d.path("only_in_target").path("triggers").toString()).contains("t_extra");
        assertThat(d.path("counts").path("modified").asInt()).isGreaterThanOrEqualTo(3);
    }

    private static JsonNode diff(PostgresServer a, String src, PostgresServer b, String tgt, boolean across)
            throws Exception {
        Scope scope = new Scope(List.of(), List.of("public"), false, false, true, true, true, true, false, false);
        try (Connection s = open(a, src); Connection t = open(b, tgt)) {
            Catalog cs = new CatalogReader(s).read(scope);
            Catalog ct = new CatalogReader(t).read(scope);
            SqlRenamer none = new SqlRenamer(Map.of(), Map.of());
            return DiffJson.of(CatalogDiff.compare(cs, ct, none, Set.of(), across), cs, ct, none);
        }
    }

    private static Connection open(PostgresServer pg, String db) throws Exception {
        return PgConnections.openSource(ConnInfo.parse(pg.conninfo(db)), "diff test", Duration.ofSeconds(5));
    }
}
