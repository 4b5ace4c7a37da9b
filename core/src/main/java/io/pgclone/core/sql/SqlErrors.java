package io.pgclone.core.sql;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

import java.sql.SQLException;
import java.util.Set;

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

    /**
     * SQLSTATE classes whose messages name objects, settings or connections, never the values of a row: connection,
     * transaction state, authorization, catalog, rollback, syntax or access rule, resources, object state, operator
     * intervention, system errors.
     */
    private static final Set<String> VALUE_FREE_CLASSES = Set.of("08", "25", "28", "3D", "40",
            "42", "53", "54", "55", "57", "58");

    /**
     * For a failure while rows were read (a COPY under a filter, a mask computed by the server): a message that may
     * quote a row's values (a data exception such as {@code invalid input syntax for type integer: "alice@..."}, an
     * error a function raised) is replaced by its SQLSTATE, and the driver's exception, which holds it, is not kept. A failure the driver raised itself (no SQLSTATE) quotes no row.
     */
    public static ConnectException translateReading(String what, SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.length() == 5 && VALUE_FREE_CLASSES.contains(state.substring(0, 2))) {
            return translate(what, e);
        }
        String msg = what + ": the server raised SQLSTATE " + state + " on a row; its message is not shown because"
                + " it may quote the row's values (the source server's log has it)";
        return isRetriable(e) ? new RetriableException(msg) : new ConnectException(msg);
    }

    /**
     * The server's primary message only: the Detail, Hint and Where lines the driver appends make errors span lines,
     * and a Detail may quote a row ({@code Key (email)=(...) already exists}).
     */
    public static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    /** The Connect exception for this failure, with {@code what} saying what was being done. */
    public static ConnectException translate(String what, SQLException e) {
        String msg = what + ": " + firstLine(e) + (e.getSQLState() != null ? " [SQLSTATE " + e.getSQLState() + "]" : "");
        return isRetriable(e) ? new RetriableException(msg, e) : new ConnectException(msg, e);
    }
}
