package io.pgclone.core.conn;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Opens every connection pgclone makes, with the session settings its SQL relies on, so that nothing depends on
 * server, database or role defaults: fixed text formats for dates, intervals, floats and bytea (values read and
 * written are the same everywhere), and {@code standard_conforming_strings = on} (a literal we render means the
 * same on every server; with it off, a backslash in a comment copied from the source could end the literal).
 *
 * <p>Source sessions ({@link #openSource}) are read-only by construction, as pg_dump's are: the driver begins every
 * transaction itself as {@code REPEATABLE READ READ ONLY}, the session default is read-only too, and there are no
 * statement or idle timeouts to cut a long COPY, only a bounded wait for locks.
 */
public final class PgConnections {
    private PgConnections() {
    }

    /** A read-write session (targets, and the CLI's own commands on a target). */
    public static Connection open(ConnInfo info, String applicationName) throws SQLException {
        return open(info, applicationName, false, sessionSettings());
    }

    /**
     * A source session: every statement runs in a {@code REPEATABLE READ READ ONLY} transaction the driver begins
     * (autocommit off), {@code statement_timeout} and {@code idle_in_transaction_session_timeout} off, as pg_dump sets
     * them, {@code lock_timeout} as given (zero waits forever), and {@code row_security = off}, so that a policy
     * that would hide rows fails the read instead of cloning a silent subset.
     */
    public static Connection openSource(ConnInfo info, String applicationName, Duration lockTimeout) throws SQLException {
        List<String> settings = sessionSettings();
        settings.add("SET statement_timeout = 0");
        settings.add("SET idle_in_transaction_session_timeout = 0");
        settings.add("SET lock_timeout = " + Math.max(0, lockTimeout.toMillis()));
        settings.add("SET row_security = off");
        settings.add("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        return open(info, applicationName, true, settings);
    }

    private static List<String> sessionSettings() {
        List<String> s = new ArrayList<>();
        s.add("SET standard_conforming_strings = on");
        s.add("SET DateStyle = 'ISO, YMD'");
        s.add("SET IntervalStyle = 'postgres'");
        s.add("SET extra_float_digits = 3");
        s.add("SET bytea_output = 'hex'");
        // TimeZone is set here, not in the startup packet: the driver sends the JVM's zone there, which wins.
        s.add("SET TimeZone = 'UTC'");
        return s;
    }

    private static Connection open(ConnInfo info, String applicationName, boolean readOnly, List<String> settings)
            throws SQLException {
        Properties p = info.jdbcProperties();
        p.setProperty("ApplicationName", applicationName);
        p.putIfAbsent("tcpKeepAlive", "true");
        // COPY streams can be large and long; never time out a socket read in the middle of one.
        p.putIfAbsent("socketTimeout", "0");
        // Statements go through the extended protocol, where the server refuses two commands in one Parse.
        p.setProperty("preferQueryMode", "extended");
        if (readOnly) {
            p.setProperty("readOnly", "true");
            p.setProperty("readOnlyMode", "always");
        }
        Connection c = DriverManager.getConnection(info.jdbcUrl(), p);
        try {
            try (Statement st = c.createStatement()) {
                for (String s : settings) {
                    st.execute(s);
                }
            }
            if (readOnly) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setAutoCommit(false);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Major version of the connected server, e.g. 17. */
    public static int majorVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             var rs = st.executeQuery("select current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
