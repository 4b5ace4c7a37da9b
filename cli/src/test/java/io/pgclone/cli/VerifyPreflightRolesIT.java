package io.pgclone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** verify, diff --json, preflight and clone-roles as an operator runs them: exit codes, marks and JSON. */
class VerifyPreflightRolesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "CREATE TABLE public.items (id int PRIMARY KEY, name text, price numeric(10,2)"
            + " DEFAULT 0)";
    private static final String ROWS = "INSERT INTO public.items SELECT g, 'item ' || g, g / 4.0 FROM generate_series(1, 5000) g";

    private static CliProcess.Result run(String... args) throws Exception {
        return CliProcess.run(120, args);
    }

    @Test
    void verifyAndDiffSayExactlyWhatDiffers() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "v_src");
        String tgt = Databases.fresh(pg, "v_tgt");
        for (String db : new String[] {src, tgt}) {
            pg.execute(db, TABLE + "; " + ROWS + "; CREATE INDEX items_name ON public.items (name)");
        }
        pg.execute(src, "CREATE TABLE public.extra (id int)");

        CliProcess.Result missing = run("verify", "--source", pg.conninfo(src), "--target", pg.conninfo(tgt), "--schema", "public");
        assertThat(missing.exitCode()).as(missing.stderr()).isEqualTo(1);
        assertThat(missing.stdout()).contains("✓            public.items  5,000 / 5,000 rows")
                .contains("✗ (missing)  public.extra").contains("1 of 2 table(s) differ");
        pg.execute(src, "DROP TABLE public.extra");

        CliProcess.Result exact = run("verify", "--source", pg.conninfo(src), "--target", pg.conninfo(tgt),
                "--table", "public.items", "--json");
        assertThat(exact.exitCode()).as(exact.stderr()).isZero();
        JsonNode ok = JSON.readTree(exact.stdout());
        assertThat(ok.path("in_sync").asBoolean()).isTrue();
        assertThat(ok.path("tables").path(0).path("mark").asText()).isEqualTo("✓");
        assertThat(ok.path("tables").path(0).path("target_rows").asLong()).isEqualTo(5000);

        pg.execute(tgt, "UPDATE public.items SET name = 'item 4243' || 'x' WHERE id = 4242");
        CliProcess.Result changed = run("verify", "--source", pg.conninfo(src), "--target", pg.conninfo(tgt),
                "--table", "public.items", "--json");
        assertThat(changed.exitCode()).isEqualTo(1);
        JsonNode bad = JSON.readTree(changed.stdout()).path("tables").path(0);
        assertThat(bad.path("status").asText()).isEqualTo("different");
        assertThat(bad.path("differences").toString()).contains("4242");

        CliProcess.Result same = run("diff", "--source", pg.conninfo(src), "--target", pg.conninfo(tgt), "--json");
        assertThat(same.exitCode()).as(same.stdout()).isZero();
        assertThat(JSON.readTree(same.stdout()).path("in_sync").asBoolean()).isTrue();
        pg.execute(tgt, "ALTER TABLE public.items ALTER COLUMN price SET DEFAULT 1; DROP INDEX public.items_name");
        CliProcess.Result drift = run("diff", "--source", pg.conninfo(src), "--target", pg.conninfo(tgt), "--json");
        assertThat(drift.exitCode()).isEqualTo(1);
        JsonNode report = JSON.readTree(drift.stdout());
        assertThat(report.path("in_sync").asBoolean()).isFalse();
        assertThat(report.toString()).contains("items_name").contains("price");
    }

    @Test
    void preflightIsReadyOnlyWhenTheCloneCanSucceed() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "p_src");
        String empty = Databases.fresh(pg, "p_empty");
        String taken = Databases.fresh(pg, "p_taken");
        pg.execute(src, TABLE);
        pg.execute(taken, TABLE);

        CliProcess.Result ready = run("preflight", "--source", pg.conninfo(src), "--target", pg.conninfo(empty),
                "--table", "public.items", "--json");
        assertThat(ready.exitCode()).as(ready.stdout() + ready.stderr()).isZero();
        JsonNode doc = JSON.readTree(ready.stdout());
        assertThat(doc.path("ready").asBoolean()).isTrue();
        assertThat(doc.path("checks").size()).isGreaterThanOrEqualTo(4);

        CliProcess.Result notReady = run("preflight", "--source", pg.conninfo(src), "--target", pg.conninfo(taken),
                "--table", "public.items");
        assertThat(notReady.exitCode()).isEqualTo(1);
        assertThat(notReady.stdout()).contains("✗").contains("public.items").contains("Not ready");
        assertThat(run("preflight", "--source", pg.conninfo(src), "--target", pg.conninfo(taken), "--table",
                "public.items", "--conflict", "replace").exitCode()).as("replace may take the name").isZero();
        CliProcess.Result badOption = run("preflight", "--source", pg.conninfo(src), "--target", pg.conninfo(taken),
                "--table", "public.items", "--conflict", "overwrite");
        assertThat(badOption.exitCode()).isEqualTo(2);
        assertThat(badOption.stderr()).startsWith("error: --conflict: 'overwrite' is none of");
    }

    @Test
    void cloneRolesCopiesARoleOnceAndNamesWhatIsMissing() throws Exception {
        PostgresServer from = Servers.postgres(16);
        PostgresServer to = Servers.postgres(17);
        String role = "Réseau \"ops\" " + ProcessHandle.current().pid();
        String quoted = "\"" + role.replace("\"", "\"\"") + "\"";
        from.execute("postgres", "CREATE ROLE " + quoted + " LOGIN CONNECTION LIMIT 7 VALID UNTIL '2031-01-01'");
        try {
            CliProcess.Result first = run("clone-roles", "--source", from.conninfo("postgres"), "--target",
                    to.conninfo("postgres"), "--roles", role);
            assertThat(first.exitCode()).as(first.stdout() + first.stderr()).isZero();
            assertThat(first.stdout()).contains("1 roles created");
            try (Connection c = to.connect("postgres"); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT rolcanlogin, rolconnlimit FROM pg_roles WHERE rolname = '"
                         + role.replace("'", "''") + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
                assertThat(rs.getInt(2)).isEqualTo(7);
            }
            CliProcess.Result again = run("clone-roles", "--source", from.conninfo("postgres"), "--target",
                    to.conninfo("postgres"), "--roles", role, "--json");
            assertThat(again.exitCode()).isZero();
            assertThat(JSON.readTree(again.stdout()).path("created").asInt()).as("a second run creates nothing").isZero();
            CliProcess.Result none = run("clone-roles", "--source", from.conninfo("postgres"), "--target",
                    to.conninfo("postgres"), "--roles", "nobody_here");
            assertThat(none.exitCode()).isEqualTo(2);
            assertThat(none.stderr()).startsWith("error: --roles: no role nobody_here");
        } finally {
            from.execute("postgres", "DROP ROLE IF EXISTS " + quoted);
            to.execute("postgres", "DROP ROLE IF EXISTS " + quoted);
        }
    }
}
