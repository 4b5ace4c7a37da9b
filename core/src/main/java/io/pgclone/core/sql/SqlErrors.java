package io.pgclone.core.sql;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

import java.sql.SQLException;

/**
 * Classifies PostgreSQL failures by SQLSTATE: connection loss, serialization failures, deadlocks, admin shutdown
 * and too many connections can succeed on retry; authentication, missing objects and bad data cannot.
 */
public final class SqlErrors {
    private SqlErrors() {
    }

    public static boolean isRetriable(SQLException e) {
        String s = e.getSQLState();
        if (s == null) {
            return false;
        }
        return s.startsWith("08") // connection exception
                || s.equals("40001") || s.equals("40P01") // serialization failure, deadlock
                || s.equals("57P01") || s.equals("57P02") || s.equals("57P03") // admin/crash shutdown, cannot connect now
                || s.equals("53300") || s.equals("55P03"); // too many connections, lock not available
    }

    /** The Connect exception for this failure, with {@code what} saying what was being done. */
    public static ConnectException translate(String what, SQLException e) {
        String msg = what + ": " + e.getMessage() + (e.getSQLState() != null ? " [SQLSTATE " + e.getSQLState() + "]" : "");
        return isRetriable(e) ? new RetriableException(msg, e) : new ConnectException(msg, e);
    }
}
