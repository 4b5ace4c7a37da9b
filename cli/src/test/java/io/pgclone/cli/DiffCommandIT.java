package io.pgclone.cli;

import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** pgclone diff: the catalog comparison as a drift report with an exit code. */
class DiffCommandIT {
    private static final String DDL = """
            CREATE SCHEMA app;
            CREATE TABLE app.t (id int PRIMARY KEY, name text DEFAULT 'x');
            CREATE INDEX t_name_idx ON app.t (name);
            CREATE VIEW app.v AS SELECT id FROM app.t;
            """;

    @Test
    void reportsDriftAndSaysSoInItsExitCode() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String a = Databases.fresh(pg, "diffa");
        String b = Databases.fresh(pg, "diffb");
        pg.execute(a, DDL);
        pg.execute(b, DDL);
        CliProcess.Result same = CliProcess.run(60, "diff", "--source", pg.conninfo(a), "--target", pg.conninfo(b));
        assertThat(same.exitCode()).as(same.stdout() + same.stderr()).isZero();
        assertThat(same.stdout()).startsWith("In sync:");

        pg.execute(b, "ALTER TABLE app.t ALTER COLUMN name SET DEFAULT 'y'; DROP INDEX app.t_name_idx;"
                + " CREATE TABLE app.extra (id int)");
        CliProcess.Result drift = CliProcess.run(60, "diff", "--source", pg.conninfo(a), "--target", pg.conninfo(b),
                "--schema", "app");
        assertThat(drift.exitCode()).isEqualTo(1);
        assertThat(drift.stdout()).contains("only in source: index:app.t_name_idx")
                .contains("only in target: table:app.extra").contains("modified: table:app.t").contains("'y'::text");

        CliProcess.Result bad = CliProcess.run(60, "diff", "--source", pg.conninfo(a), "--target", pg.conninfo(b),
                "--schema", "nope");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("--source").contains("nope");
    }
}
