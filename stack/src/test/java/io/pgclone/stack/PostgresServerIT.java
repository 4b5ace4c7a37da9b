package io.pgclone.stack;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresServerIT {

    @Test
    void shouldServeOnLoopbackWithPasswordAuthAndANonUtcTimeZone() throws Exception {
        try (PostgresServer pg = PostgresServer.start(PostgresServer.options().major(17))) {
            try (Connection c = pg.connect("postgres"); Statement st = c.createStatement()) {
                ResultSet rs = st.executeQuery("select current_setting('server_version_num')::int / 10000,"
                        + " (select setting from pg_file_settings where name = 'timezone' and applied),"
                        + " current_setting('wal_level'), inet_server_addr()::text");
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(17);
                // the server's own time zone; JDBC sessions override it with the JVM's
                assertThat(rs.getString(2)).isEqualTo("Pacific/Chatham");
                assertThat(rs.getString(3)).isEqualTo("logical");
                assertThat(rs.getString(4)).isEqualTo("127.0.0.1/32");
                st.execute("create extension hstore");
            }
            Properties wrong = new Properties();
            wrong.setProperty("user", "postgres");
            wrong.setProperty("password", "not-the-password");
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl("postgres"), wrong))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        }
    }
}
