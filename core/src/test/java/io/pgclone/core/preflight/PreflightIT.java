package io.pgclone.core.preflight;

import io.pgclone.core.catalog.Catalog;
import io.pgclone.core.catalog.CatalogReader;
import io.pgclone.core.catalog.Scope;
import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.catalog.CatalogObject;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Each preflight check, made to fail on real servers, says so naming what is missing; a clean pair is ready. */
class PreflightIT {
    private static final AtomicInteger RUN = new AtomicInteger();

    @Test
    void aCleanPairIsReady() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "pre");
        String tgt = Databases.fresh(pg, "pret");
        pg.execute(src, "CREATE TABLE public.t (id int PRIMARY KEY, v text COLLATE \"C\")");
        Map<String, Check> checks = run(pg, pg.conninfo(src), pg.conninfo(tgt), null);
        assertThat(checks.values()).allSatisfy(c -> assertThat(c.level()).as(c.toString()).isEqualTo(Check.Level.OK));
        assertThat(checks).containsKeys("source.version", "source.snapshot", "source.select", "target.version",
                "target.create", "target.conflicts", "target.roles", "target.extensions", "target.collations");
    }

    @Test
    void aSourceUserThatCannotReadATableAndATargetUserThatCannotCreateFail() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String n = "pre" + ProcessHandle.current().pid() + "x" + RUN.incrementAndGet();
        String src = Databases.fresh(pg, "pre");
        String tgt = Databases.fresh(pg, "pret");
        pg.execute("postgres", "CREATE ROLE " + n + "_reader LOGIN PASSWORD 'r'; CREATE ROLE " + n + "_writer LOGIN PASSWORD 'w'");
        pg.execute(src, "CREATE TABLE public.t (id int PRIMARY KEY); CREATE TABLE public.secret (id int);"
                + " GRANT SELECT ON public.t TO " + n + "_reader");
        pg.execute(tgt, "CREATE TABLE public.t (other int)");
        String reader = "host=127.0.0.1 port=" + pg.port() + " dbname=" + src + " user=" + n + "_reader password=r";
        String writer = "host=127.0.0.1 port=" + pg.port() + " dbname=" + tgt + " user=" + n + "_writer password=w";

        Map<String, Check> checks = run(pg, reader, writer, null);

        assertThat(checks.get("source.select").level()).isEqualTo(Check.Level.FAIL);
        assertThat(checks.get("source.select").message()).contains("may not read public.secret").doesNotContain("public.t,");
        assertThat(checks.get("target.create").level()).isEqualTo(Check.Level.FAIL);
        assertThat(checks.get("target.conflicts").level()).isEqualTo(Check.Level.FAIL);
        assertThat(checks.get("target.conflicts").message()).contains("already on the target: public.t");
    }

    @Test
    void rolesCollationsAndAVersionTheOlderTargetLacksAreNamed() throws Exception {
        PostgresServer source = Servers.postgres(17);
        PostgresServer target = Servers.postgres(14);
        String n = "pre" + ProcessHandle.current().pid() + "x" + RUN.incrementAndGet();
        String src = Databases.fresh(source, "pre");
        String tgt = Databases.fresh(target, "pret");
        source.execute("postgres", "CREATE ROLE " + n + "_owner");
        // a collation outside the cloned schema must be on the target; one inside is created by the clone
        source.execute(src, "CREATE SCHEMA other; CREATE COLLATION other.mine (provider = libc, locale = 'C');"
                + " CREATE COLLATION public.ours (provider = libc, locale = 'C');"
                + " CREATE TABLE public.t (id int, v text COLLATE other.mine, w text COLLATE public.ours);"
                + " ALTER TABLE public.t OWNER TO " + n + "_owner");

        Map<String, Check> checks = run(source, source.conninfo(src), target.conninfo(tgt), null);

        assertThat(checks.get("target.version").level()).isEqualTo(Check.Level.WARN);
        assertThat(checks.get("target.roles").level()).isEqualTo(Check.Level.WARN);
        assertThat(checks.get("target.roles").message()).contains(n + "_owner");
        assertThat(checks.get("target.collations").level()).isEqualTo(Check.Level.FAIL);
        assertThat(checks.get("target.collations").message()).contains("mine").doesNotContain("ours");
    }

    @Test
    void anExtensionTheTargetServerDoesNotHaveFails() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "pre");
        String tgt = Databases.fresh(pg, "pret");
        CatalogObject ext = new CatalogObject("extension", "extension:no_such_ext", null, "no_such_ext",
                CatalogObject.PRE_DATA, null, List.of(), List.of(), List.of("CREATE EXTENSION no_such_ext"), null);
        Map<String, Check> checks = run(pg, pg.conninfo(src), pg.conninfo(tgt), ext);
        assertThat(checks.get("target.extensions").level()).isEqualTo(Check.Level.FAIL);
        assertThat(checks.get("target.extensions").message()).contains("no_such_ext");
    }

    private static Map<String, Check> run(PostgresServer sp, String source, String target,
                                          CatalogObject extra) throws Exception {
        try (Connection s = PgConnections.openSource(ConnInfo.parse(source), "preflight test", Duration.ofSeconds(5));
             Connection t = PgConnections.openSource(ConnInfo.parse(target), "preflight test", Duration.ofSeconds(5))) {
            Catalog read = new CatalogReader(s).read(new Scope(List.of(), List.of("public"), false, false, true, true,
                    true, true, true, true));
            List<CatalogObject> objects = new ArrayList<>(read.objects());
            if (extra != null) {
                objects.add(extra);
            }
            Catalog catalog = new Catalog(objects, read.tables(), read.warnings());
            List<Check> all = new ArrayList<>(SourceChecks.run(s, catalog.tables(), "source.user"));
            all.addAll(TargetChecks.run(t, catalog, name -> name, true, sp.major(), "target.user"));
            return all.stream().collect(Collectors.toMap(Check::name, c -> c, (a, b) -> a));
        }
    }
}
