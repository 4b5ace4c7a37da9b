package io.pgclone.core.roles;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles round trip between real servers: attributes, settings, memberships, SCRAM hashes and grants equal on the
 * target; a second run changes nothing; names with quotes, spaces and non-ASCII letters work.
 */
class RoleClonerIT {
    private static final AtomicInteger RUN = new AtomicInteger();

    @ParameterizedTest(name = "PostgreSQL {0} -> {1}")
    @CsvSource({"17, 14", "14, 18", "18, 16"}) // roles belong to a server: two of them
    void shouldCloneRolesExactlyAndChangeNothingTheSecondTime(int from, int to) throws Exception {
        PostgresServer a = Servers.postgres(from);
        PostgresServer b = Servers.postgres(to);
        String src = Databases.fresh(a, "roles");
        String tgt = Databases.fresh(b, "rolest");
        String n = "r" + ProcessHandle.current().pid() + "x" + RUN.incrementAndGet();
        String odd = "Ünï \"q\" " + n; // quotes, a space, non-ASCII letters
        String group = n + "_group";
        String objects = "CREATE SCHEMA app; CREATE TABLE app.t (id serial PRIMARY KEY);"
                + " CREATE FUNCTION app.f(int) RETURNS int LANGUAGE sql AS 'SELECT $1'";
        a.execute(src, objects);
        b.execute(tgt, objects);
        a.execute(src, "CREATE ROLE " + q(group) + " NOLOGIN;"
                + " CREATE ROLE " + q(odd) + " LOGIN CREATEDB CONNECTION LIMIT 5 VALID UNTIL '2031-01-02 03:04:05+00'"
                + "   PASSWORD 'secret-" + n + "';"
                + " ALTER ROLE " + q(odd) + " SET work_mem = '64MB';"
                + " ALTER ROLE " + q(odd) + " SET search_path = app, \"Odd Schema\";"
                + " ALTER ROLE " + q(odd) + " IN DATABASE " + src + " SET statement_timeout = '5s';"
                + " GRANT " + q(group) + " TO " + q(odd) + " WITH ADMIN OPTION;"
                + " GRANT USAGE ON SCHEMA app TO " + q(group) + ";"
                + " GRANT SELECT, INSERT ON app.t TO " + q(odd) + " WITH GRANT OPTION;"
                + " GRANT USAGE ON SEQUENCE app.t_id_seq TO " + q(odd) + ";"
                + " REVOKE EXECUTE ON FUNCTION app.f(int) FROM PUBLIC; GRANT EXECUTE ON FUNCTION app.f(int) TO " + q(group));
        List<String> names = List.of(group, odd);

        RoleCloner.Summary first;
        try (Connection s = source(a, src); Connection t = target(b, tgt)) {
            first = new RoleCloner(s, t).cloneRoles(names, true);
        }
        assertThat(first.toString()).isEqualTo("2 roles created, 0 roles updated, 6 grants applied");
        assertThat(first.skipped()).isEmpty();

        try (Connection s = source(a, src); Connection t = target(b, tgt)) {
            RoleCatalog fs = new RoleCatalog(s);
            RoleCatalog ft = new RoleCatalog(t);
            assertThat(ft.roles(names, true)).isEqualTo(fs.roles(names, true));
            assertThat(ft.roles(names, true).get(odd).password()).startsWith("SCRAM-SHA-256$");
            // the per-database setting follows the clone from the source database to the target database
            assertThat(ft.roles(names, false).get(odd).dbSettings()).containsExactly("statement_timeout=5s");
            assertThat(ft.grants(names)).isEqualTo(fs.grants(names));
            List<Role.Membership> ms = ft.memberships(names);
            assertThat(ms).singleElement().satisfies(m -> {
                assertThat(m.role()).isEqualTo(group);
                assertThat(m.admin()).isTrue();
            });
            assertThat(new RoleCloner(s, t).cloneRoles(names, true).toString())
                    .isEqualTo("0 roles created, 0 roles updated, 0 grants applied");
        }
    }

    private static String q(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static Connection source(PostgresServer pg, String db) throws Exception {
        return PgConnections.openSource(ConnInfo.parse(pg.conninfo(db)), "roles test", Duration.ofSeconds(5));
    }

    private static Connection target(PostgresServer pg, String db) throws Exception {
        Connection c = PgConnections.open(ConnInfo.parse(pg.conninfo(db)), "roles test");
        c.setAutoCommit(false);
        return c;
    }
}
