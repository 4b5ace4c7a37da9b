package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.ConnectionConfig;
import io.pgclone.core.conn.ConnectionProblem;
import io.pgclone.core.conn.PgConnections;

import java.io.Console;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.function.Function;

/** Connects once to each side before anything is deployed, so a typo fails in a second, naming the option. */
final class ConnectionCheck {
    private ConnectionCheck() {
    }

    /** The connection an option gives, with the password from the environment or the password file if it has none. */
    static ConnInfo parse(String option, String value) {
        try {
            ConnInfo info = ConnInfo.parse(value);
            if (info.database() == null) {
                throw new UserError(option + ": no database given (dbname=... or postgresql://host/database)");
            }
            if (info.user() == null) {
                info = info.with(null, null, null, System.getProperty("user.name"), null);
            }
            var problems = info.fileProblems();
            if (!problems.isEmpty()) {
                var e = problems.entrySet().iterator().next();
                throw new UserError(option + ": " + e.getKey() + ": " + e.getValue());
            }
            return Passwords.complete(info);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }

    /**
     * Connects once; when the server wants a password that nothing gave and a terminal is there, asks for it.
     * Returns the connection that worked, with the password typed if one was.
     */
    static ConnInfo check(String option, ConnInfo info) {
        Console console = System.console();
        return check(option, info, console == null ? null : prompt -> console.readPassword("%s", prompt));
    }

    static ConnInfo check(String option, ConnInfo info, Function<String, char[]> askPassword) {
        try {
            tryConnect(info);
            return info;
        } catch (SQLException e) {
            if (info.password() == null && askPassword != null && wantsPassword(e)) {
                char[] typed = askPassword.apply("Password for " + info.user() + " on " + info.host() + ":"
                        + info.port() + " (" + option + "): ");
                if (typed != null && typed.length > 0) {
                    ConnInfo withPassword = info.with(null, null, null, null, new String(typed));
                    Arrays.fill(typed, '\0');
                    return check(option, withPassword, null);
                }
            }
            if (wantsPassword(e)) {
                throw new UserError(option + ": the server at " + info.host() + ":" + info.port() + " asks user '"
                        + info.user() + "' for a password and none was given (in the connection string, PGPASSWORD "
                        + "or the password file)");
            }
            ConnectionProblem p = ConnectionProblem.diagnose(e, "", info, true);
            String message = p.message();
            // a conninfo names TLS files and modes by libpq's names; "ssl.key" last, as "ssl.key.password" holds it
            for (var t : new TreeMap<>(ConnectionConfig.tlsParameters()).descendingMap().entrySet()) {
                message = message.replace(t.getKey(), t.getValue());
            }
            throw new UserError(option + ": " + message.replaceAll(" \\((check|set) [^)]*\\)$", "")
                    .replace(": check password", ""));
        }
    }

    private static void tryConnect(ConnInfo info) throws SQLException {
        try (Connection c = PgConnections.open(info, "pgclone cli check")) {
            c.isValid(5);
        }
    }

    /** PgJDBC's "the server requested ... authentication, but no password was provided". */
    static boolean wantsPassword(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("no password was provided");
    }
}
