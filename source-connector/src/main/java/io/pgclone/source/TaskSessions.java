package io.pgclone.source;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether any task of a clone is connected to the source, told by the sessions' names ({@code pgclone task <n>
 * <clone id>}, which {@link PgCloneSourceTask} sets): Connect tells a connector nothing about its tasks, and a
 * task that failed closed its session. Reads {@code pg_stat_activity} on one read-only session of its own.
 */
final class TaskSessions implements AutoCloseable {
    static final String PREFIX = "pgclone task ";
    /** PostgreSQL keeps the first 63 bytes of an application name. */
    private static final int NAME_BYTES = 63;
    private static final Pattern TASK = Pattern.compile("pgclone task [0-9]+ (.+)");

    private final ConnInfo info;
    private final String cloneId;
    private Connection conn;

    TaskSessions(ConnInfo info, String cloneId) {
        this.info = info;
        this.cloneId = cloneId;
    }

    /** Whether a session of one of the clone's tasks is on the source now. */
    boolean anyConnected() throws SQLException {
        if (conn == null || conn.isClosed()) {
            conn = PgConnections.openSource(info, "pgclone monitor " + cloneId, Duration.ofSeconds(5));
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT application_name FROM pg_stat_activity"
                + " WHERE application_name LIKE 'pgclone task %' AND pid <> pg_backend_pid()");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (isOurs(rs.getString(1), cloneId)) {
                    return true;
                }
            }
            return false;
        } finally {
            conn.rollback(); // a new transaction, so a new look at pg_stat_activity, next time
        }
    }

    /** Whether a session name is one of this clone's tasks, the clone id possibly cut at 63 bytes by the server. */
    static boolean isOurs(String applicationName, String cloneId) {
        if (applicationName == null) {
            return false;
        }
        Matcher m = TASK.matcher(applicationName);
        if (!m.matches()) {
            return false;
        }
        String id = m.group(1);
        return id.equals(cloneId)
                || applicationName.getBytes(StandardCharsets.UTF_8).length >= NAME_BYTES
                && cloneId.startsWith(id);
    }

    @Override
    public void close() {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException e) {
                // closing
            }
        }
    }
}
