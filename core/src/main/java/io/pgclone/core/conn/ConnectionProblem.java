package io.pgclone.core.conn;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Why a connection failed, told in one line that names the setting to fix: a wrong password names
 * {@code <side>.password}, an unknown database {@code <side>.database}, an unreachable server {@code <side>.host}.
 */
public record ConnectionProblem(String setting, String message) {

    public static ConnectionProblem diagnose(SQLException e, String prefix, ConnInfo info, boolean fromUrl) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = info.host() + ":" + info.port();
        switch (state) {
            case "28P01":
                return new ConnectionProblem(prefix + ConnectionConfig.PASSWORD,
                        "password authentication failed for user '" + info.user() + "' on " + where
                                + ": check " + prefix + ConnectionConfig.PASSWORD);
            case "28000":
                return new ConnectionProblem(prefix + ConnectionConfig.USER, "the server at " + where
                        + " rejected user '" + info.user() + "': " + firstLine(e) + " (check " + prefix
                        + ConnectionConfig.USER + ")");
            case "3D000":
                return new ConnectionProblem(prefix + ConnectionConfig.DATABASE, "database '" + info.database()
                        + "' does not exist on " + where + " (check " + prefix + ConnectionConfig.DATABASE + ")");
            default:
                break;
        }
        Throwable cause = rootCause(e);
        String hostKey = fromUrl ? prefix + ConnectionConfig.URL : prefix + ConnectionConfig.HOST;
        if (cause instanceof UnknownHostException) {
            return new ConnectionProblem(hostKey, "unknown host '" + info.host() + "' (check " + hostKey + ")");
        }
        if (cause instanceof ConnectException || cause instanceof SocketTimeoutException || state.startsWith("08")) {
            return new ConnectionProblem(hostKey, "cannot reach PostgreSQL at " + where + ": " + firstLine(e)
                    + " (check " + hostKey + " and " + prefix + ConnectionConfig.PORT + ")");
        }
        return new ConnectionProblem(hostKey, "cannot connect to " + where + ": " + firstLine(e));
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
