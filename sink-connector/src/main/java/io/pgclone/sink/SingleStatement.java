package io.pgclone.sink;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs SQL built from the control topic (pre-data, post-data, conflict handling) as exactly one statement. Every
 * DDL statement the sink executes goes through here.
 *
 * <p>Why it takes three steps: PgJDBC splits a statement's text at top-level semicolons on the client and sends
 * each part, so "one statement" must be checked before the driver sees it. The check asks PgJDBC's own parser how
 * many statements the driver would send, with the session's actual {@code standard_conforming_strings}, and
 * refuses anything but one. The statement then goes through the extended protocol (every sink session runs in
 * {@code preferQueryMode=extended}), where the server itself refuses a Parse message holding two commands, so a
 * lexer disagreement between driver and server cannot smuggle a second command either. Last, a statement may not
 * switch {@code standard_conforming_strings} off (the driver tracks the setting from the server's reports): every
 * literal rendered afterwards assumes it is on.
 */
final class SingleStatement {
    private SingleStatement() {
    }

    /** A statement that is not exactly one; the message says how many there were. */
    static final class NotOne extends SQLException {
        NotOne(String message) {
            super(message, "42601");
        }
    }

    /** How many statements PgJDBC would send for this text on this connection. */
    static int count(Connection conn, String sql) throws SQLException {
        return count(sql, conn.unwrap(BaseConnection.class).getStandardConformingStrings());
    }

    /** How many statements PgJDBC sends for this text, given the session's standard_conforming_strings. */
    static int count(String sql, boolean standardConformingStrings) throws SQLException {
        List<NativeQuery> parts = Parser.parseJdbcSql(sql, standardConformingStrings, false, true, false, false);
        int n = 0;
        for (NativeQuery q : parts) {
            if (!q.nativeSql.isBlank()) {
                n++;
            }
        }
        return n;
    }

    static void execute(Connection conn, String sql) throws SQLException {
        int n = count(conn, sql);
        if (n != 1) {
            throw new NotOne(n == 0 ? "an empty statement" : "the text holds " + n + " statements, not one (every"
                    + " statement from the control topic must be exactly one); nothing of it was run");
        }
        try (Statement st = conn.createStatement()) {
            st.setEscapeProcessing(false); // the text is PostgreSQL's own SQL, never JDBC escapes
            st.execute(sql);
        }
        if (!conn.unwrap(BaseConnection.class).getStandardConformingStrings()) {
            throw new SQLException("the statement turned standard_conforming_strings off, which the rendering of"
                    + " every later statement relies on", "42601");
        }
    }
}
