package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;
import org.postgresql.jdbcurlresolver.PgPassParser;

import java.util.function.Function;

/**
 * Where the CLI finds a password the connection string did not give, as libpq does: {@code PGPASSWORD}, then the
 * password file ({@code PGPASSFILE}, or {@code ~/.pgpass}). So no password needs to be on the command line.
 */
final class Passwords {
    private Passwords() {
    }

    static ConnInfo complete(ConnInfo info) {
        return complete(info, System::getenv, Passwords::fromPassFile);
    }

    static ConnInfo complete(ConnInfo info, Function<String, String> env, Function<ConnInfo, String> passFile) {
        if (info.password() != null) {
            return info;
        }
        String pw = env.apply("PGPASSWORD");
        if (pw == null || pw.isEmpty()) {
            pw = passFile.apply(info);
        }
        return pw == null ? info : info.with(null, null, null, null, pw);
    }

    /** The matching line of the password file; PgJDBC's reader honours PGPASSFILE and the file's wildcards. */
    private static String fromPassFile(ConnInfo info) {
        return PgPassParser.getPassword(info.host(), Integer.toString(info.port()),
                info.database() == null ? "postgres" : info.database(), info.user());
    }
}
