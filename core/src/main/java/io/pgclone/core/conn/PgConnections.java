package io.pgclone.core.conn;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens connections with the session settings every pgclone connection needs: fixed text formats for dates,
 * intervals, floats and bytea, so that values read and written are independent of server and user defaults.
 */
public final class PgConnections {
    private PgConnections() {
    }

    public static Connection open(ConnInfo info, String applicationName) throws SQLException {
        Properties p = info.jdbcProperties();
        p.setProperty("ApplicationName", applicationName);
        p.putIfAbsent("tcpKeepAlive", "true");
        // COPY streams can be large and long; never time out a socket read in the middle of one.
        p.putIfAbsent("socketTimeout", "0");
        Connection c = DriverManager.getConnection(info.jdbcUrl(), p);
        try (Statement st = c.createStatement()) {
            // TimeZone is set here, not in the startup packet: the driver sends the JVM's zone there, which wins.
            st.execute("SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 3;"
                    + " SET bytea_output = 'hex'; SET TimeZone = 'UTC'");
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
