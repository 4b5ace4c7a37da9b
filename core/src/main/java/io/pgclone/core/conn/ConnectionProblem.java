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
        ConnectionProblem tls = tls(e, prefix, where);
        if (tls != null) {
            return tls;
        }
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
        if (String.valueOf(e.getMessage()).contains("no password was provided")) {
            return new ConnectionProblem(prefix + ConnectionConfig.PASSWORD, "the server at " + where + " asks user '"
                    + info.user() + "' for a password and none was given (set " + prefix + ConnectionConfig.PASSWORD + ")");
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

    /** TLS failures, each pointing at the setting that decides it (also settable as a libpq parameter in the url). */
    private static ConnectionProblem tls(SQLException e, String prefix, String where) {
        String all = messages(e);
        if (all.contains("client certificate")) {
            return new ConnectionProblem(prefix + ConnectionConfig.SSL_CERT, "the server at " + where
                    + " requires a client certificate it accepts: " + firstLine(e) + " (check " + prefix
                    + ConnectionConfig.SSL_CERT + " and " + prefix + ConnectionConfig.SSL_KEY + ")");
        }
        if (all.contains("could not be verified by hostnameverifier")) {
            return new ConnectionProblem(prefix + ConnectionConfig.SSL_MODE, "the certificate of the server at " + where
                    + " is not for that host name (check the host, or " + prefix + ConnectionConfig.SSL_MODE
                    + "=verify-ca to check the chain only)");
        }
        if (all.contains("PKIX") || all.contains("CertPath") || all.contains("unable to find valid certification path")) {
            return new ConnectionProblem(prefix + ConnectionConfig.SSL_ROOT_CERT, "the certificate of the server at "
                    + where + " is not signed by an authority in " + prefix + ConnectionConfig.SSL_ROOT_CERT
                    + " (check " + prefix + ConnectionConfig.SSL_ROOT_CERT + ")");
        }
        if (all.contains("does not support SSL")) {
            return new ConnectionProblem(prefix + ConnectionConfig.SSL_MODE, "the server at " + where
                    + " does not offer TLS (check " + prefix + ConnectionConfig.SSL_MODE + ")");
        }
        if (all.contains("SSLHandshakeException") || all.contains("SSL error")) {
            return new ConnectionProblem(prefix + ConnectionConfig.SSL_MODE, "TLS handshake with " + where
                    + " failed: " + firstLine(e) + " (check " + prefix + "ssl.*)");
        }
        return null;
    }

    private static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null && b.length() < 10_000; c = c.getCause() == c ? null : c.getCause()) {
            b.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append('\n');
        }
        return b.toString();
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
