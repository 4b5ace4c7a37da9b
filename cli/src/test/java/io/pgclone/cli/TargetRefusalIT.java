package io.pgclone.cli;

import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A definition the target refuses: the CLI names the object and its SQL. The CLI's bad-input cases (wrong options,
 * credentials, folders) are in the catalogue, it/.../badinput/CliInputs.java.
 */
class TargetRefusalIT {

    @Test
    void shouldNameTheObjectAndItsSqlWhenTheTargetRefusesADefinition() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        PostgresServer old = Servers.postgres(14);
        String src = Databases.fresh(pg, "badsrc");
        String tgt = Databases.fresh(old, "badtgt");
        // the predefined ICU collation "unicode" is new in 16: a 14 target cannot create the table that uses it
        pg.execute(src, "CREATE TABLE public.names (id int PRIMARY KEY, name text COLLATE \"unicode\")");

        CliProcess.Result r = CliProcess.run(300, "clone", "--source", pg.conninfo(src), "--target", old.conninfo(tgt),
                "--table", "public.names", "--format", "json", "--no-progress");

        assertThat(r.exitCode()).as(r.stdout()).isEqualTo(1);
        assertThat(r.stderr()).contains("cannot create table public.names on the target")
                .contains("unicode").contains("does not exist").contains("SQL: CREATE TABLE")
                .doesNotContain("\tat ");
    }
}
