package io.pgclone.core.filter;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The source server decides what a filter may do, with its parser and catalog, in a read-only source session:
 * ordinary expressions pass; anything volatile, parallel-unsafe, or reading another relation is refused naming it;
 * and the check never runs the filter nor spoils the transaction (and snapshot) it runs in.
 */
class FilterCheckIT {
    private static final QualifiedName ACCOUNTS = new QualifiedName("public", "accounts");
    private static PostgresServer pg;
    private static String db;

    @BeforeAll
    static void fixture() {
        pg = Servers.postgres(17);
        db = Databases.fresh(pg, "filter");
        pg.execute(db, "CREATE TYPE addr AS (city text, zip text);"
                + " CREATE TABLE accounts (id serial PRIMARY KEY, note text, created_at timestamptz, birthday date,"
                + " data jsonb, r addr); CREATE TABLE other (id int);"
                + " INSERT INTO accounts (note, created_at) SELECT 'n' || g, now() FROM generate_series(1, 5) g;"
                + " CREATE FUNCTION leak(accounts) RETURNS boolean VOLATILE LANGUAGE sql AS 'SELECT true';"
                + " CREATE FUNCTION fine(accounts) RETURNS boolean IMMUTABLE PARALLEL SAFE LANGUAGE sql AS 'SELECT true'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "lower(note) = 'n1'",
            "created_at > now() - interval '30 days'",
            "age(created_at) < interval '1 year'", // age(xid) is parallel restricted: the types pick age(timestamptz)
            "id IN (SELECT id FROM ONLY public.accounts WHERE id < 3)",
            "data ? 'k' OR data ?| array['a', 'b']",
            "EXTRACT(year FROM created_at) > 2000 AND substring(note FROM 1 FOR 1) = 'n'",
            "coalesce(note, 'x') <> '' AND (r).city IS NULL AND accounts.fine",
            "current_setting('TimeZone') IS NOT NULL",
            "note <> 'a;b'",
    })
    void acceptsOrdinaryFilters(String where) throws Exception {
        try (Connection c = source()) {
            assertThatCode(() -> check(c, where)).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "pg_sleep(1) IS NOT NULL                                         | pg_sleep(double precision), which is VOLATILE",
            "pg_terminate_backend(pg_backend_pid())                           | VOLATILE",
            "set_config('default_transaction_read_only', 'off', false) = 'x' | set_config(text,text,boolean), which is VOLATILE",
            "lo_export(1, '/tmp/x') = 1                                       | lo_export(oid,text), which is VOLATILE",
            "random() < 0.5                                                   | random(), which is VOLATILE",
            "length(table_to_xml('pg_authid', true, false, '')::text) > 0     | PARALLEL RESTRICTED",
            "pg_catalog.txid_current() > 0                                    | PARALLEL UNSAFE",
            "accounts.leak                                                    | leak(accounts), which is VOLATILE",
            "EXISTS (SELECT 1 FROM pg_authid WHERE rolpassword LIKE 'S%')     | reads pg_catalog.pg_authid",
            "id IN (SELECT id FROM other)                                     | reads public.other",
            "nosuch = 1                                                       | is not a valid expression over public.accounts",
            "id = 'abc'                                                       | invalid input syntax for type integer",
            "note                                                             | argument of WHERE must be type boolean",
            "id IN (WITH d AS (DELETE FROM other RETURNING id) SELECT id FROM d) | is not a valid expression",
    })
    void refusesWhatCouldChangeOrReadMoreThanTheTableNamingIt(String where, String why) throws Exception {
        try (Connection c = source()) {
            assertThatThrownBy(() -> check(c, where)).isInstanceOf(FilterCheck.Refused.class).hasMessageContaining(why);
        }
    }

    @Test
    void leavesTheSnapshotTransactionUsableAfterARefusal() throws Exception {
        try (Connection c = source(); Statement st = c.createStatement()) {
            String snapshot;
            try (ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                snapshot = rs.getString(1);
            }
            assertThatThrownBy(() -> check(c, "nosuch = 1")).isInstanceOf(FilterCheck.Refused.class);
            assertThatThrownBy(() -> check(c, "pg_sleep(1) IS NULL")).isInstanceOf(FilterCheck.Refused.class);
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM accounts")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(5);
            }
            try (Connection other = source(); Statement imp = other.createStatement()) {
                // importable only while the exporting transaction is alive
                assertThatCode(() -> imp.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'")).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void neverRunsTheFilter() throws Exception {
        try (Connection c = source()) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> check(c, "pg_sleep(30) IS NULL")).isInstanceOf(FilterCheck.Refused.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
    }

    private static void check(Connection c, String where) throws Exception {
        new FilterCheck(c).check(ACCOUNTS, WhereFilter.parse(where));
    }

    private static Connection source() throws Exception {
        ConnInfo info = ConnInfo.parse(pg.conninfo(db));
        return PgConnections.openSource(info, "filter check test", Duration.ofSeconds(5));
    }
}
