package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.ConnectionProblem;
import io.pgclone.core.conn.PgConnections;

import java.sql.Connection;
import java.sql.SQLException;

/** Connects once to each side before anything is deployed, so a typo fails in a second, naming the option. */
final class ConnectionCheck {
    private ConnectionCheck() {
    }

    static ConnInfo parse(String option, String value) {
        try {
            ConnInfo info = ConnInfo.parse(value);
            if (info.database() == null) {
                throw new UserError(option + ": no database given (dbname=... or postgresql://host/database)");
            }
            if (info.user() == null) {
                info = info.with(null, null, null, System.getProperty("user.name"), null);
            }
            return info;
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }

    static void check(String option, ConnInfo info) {
        try (Connection c = PgConnections.open(info, "pgclone cli check")) {
            c.isValid(5);
        } catch (SQLException e) {
            ConnectionProblem p = ConnectionProblem.diagnose(e, "", info, true);
            throw new UserError(option + ": " + p.message().replaceAll(" \\(check [^)]*\\)$", "")
                    .replace(": check password", ""));
        }
    }
}
