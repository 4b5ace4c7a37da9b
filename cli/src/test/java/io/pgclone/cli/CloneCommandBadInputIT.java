package io.pgclone.cli;

import io.pgclone.stack.FreePorts;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Wrong credentials and unreachable servers: one line naming the option, exit 2, nothing created on the target. */
class CloneCommandBadInputIT {

    @Test
    void shouldNameTheSourceWhenItsPasswordIsWrong() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "badsrc");
        String tgt = Databases.fresh(pg, "badtgt");
        pg.execute(src, "CREATE TABLE t (id int PRIMARY KEY)");

        CliProcess.Result r = CliProcess.run(120, "clone",
                "--source", "host=127.0.0.1 port=" + pg.port() + " dbname=" + src + " user=postgres password=wrong",
                "--target", pg.conninfo(tgt), "--table", "public.t", "--no-progress");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip().lines().count()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: --source: password authentication failed for user 'postgres'");
        assertTargetUntouched(pg, tgt);
    }

    @Test
    void shouldNameTheTargetWhenItIsUnreachable() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "badsrc");
        pg.execute(src, "CREATE TABLE t (id int PRIMARY KEY)");
        int closedPort = FreePorts.pick();

        CliProcess.Result r = CliProcess.run(120, "clone", "--source", pg.conninfo(src),
                "--target", "postgresql://postgres:postgres@127.0.0.1:" + closedPort + "/nowhere", "--table", "t");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip().lines().count()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: --target: cannot reach PostgreSQL at 127.0.0.1:" + closedPort);
    }

    @Test
    void shouldNameTheTableOptionForAMalformedName() throws Exception {
        CliProcess.Result r = CliProcess.run(60, "clone", "--source", "host=h dbname=d", "--target", "host=h dbname=d",
                "--table", "a.b.c");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: --table: 'a.b.c' is not a table name");
    }

    @Test
    void shouldRefuseAWorkDirItDidNotCreateAndLeaveItAsItWas() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "badsrc");
        String tgt = Databases.fresh(pg, "badtgt");
        pg.execute(src, "CREATE TABLE t (id int PRIMARY KEY)");
        java.nio.file.Path mine = java.nio.file.Files.createTempDirectory("users-own-");
        java.nio.file.Files.writeString(mine.resolve("notes.txt"), "keep me");

        CliProcess.Result r = CliProcess.run(120, "clone", "--source", pg.conninfo(src), "--target", pg.conninfo(tgt),
                "--table", "public.t", "--work-dir", mine.toString(), "--no-progress");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: --work-dir: " + mine + " already exists and was not created by pgclone");
        try (var files = java.nio.file.Files.list(mine)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("notes.txt");
        }
        assertTargetUntouched(pg, tgt);
    }

    @Test
    void shouldRefuseToSendAPasswordToAConnectClusterInPlainText() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "badsrc");
        String tgt = Databases.fresh(pg, "badtgt");
        pg.execute(src, "CREATE TABLE t (id int PRIMARY KEY)");
        var stack = Servers.stack();
        var before = stack.worker().rest().connectors();
        CliProcess.Result r = CliProcess.run(120, "clone", "--source", pg.conninfo(src), "--target",
                pg.conninfo(tgt), "--table", "public.t", "--connect", stack.worker().url(), "--no-progress");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: --connect: the passwords would be stored in plain text");
        assertThat(stack.worker().rest().connectors()).isEqualTo(before);
        assertTargetUntouched(pg, tgt);
    }

    @Test
    void shouldRefuseAConninfoParameterOutsideTheAllowlist() throws Exception {
        CliProcess.Result r = CliProcess.run(60, "clone", "--source", "host=h dbname=d sslfactory=x.Y",
                "--target", "host=h dbname=d", "--table", "t");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: --source: connection parameter 'sslfactory' is not supported");
    }

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

    private static void assertTargetUntouched(PostgresServer pg, String db) throws Exception {
        try (Connection c = pg.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')")) {
            rs.next();
            assertThat(rs.getLong(1)).as("relations created on the target").isZero();
        }
    }
}
