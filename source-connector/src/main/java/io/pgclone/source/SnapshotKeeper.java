package io.pgclone.source;

import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.sql.QualifiedName;
import org.apache.kafka.connect.errors.ConnectException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The connection that exports the clone's snapshot and holds it: a {@code REPEATABLE READ READ ONLY} transaction
 * the driver begins, kept open until every chunk is acknowledged, so that every task can import the same snapshot.
 * It also holds an ACCESS SHARE lock on every cloned table, taken as pg_dump takes them, so that a concurrent DROP
 * or TRUNCATE waits for the clone instead of changing what the snapshot still has to be read from.
 */
final class SnapshotKeeper implements AutoCloseable {
    /** What pg_export_snapshot() returns ({@code 00000003-0000001B-1}); anything else is never sent to a server. */
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-F]{1,8}-[0-9A-F]{1,8}(-[0-9]{1,10})?");

    private final Connection conn;
    private final String snapshotId;
    private final String lsn;

    private SnapshotKeeper(Connection conn, String snapshotId, String lsn) {
        this.conn = conn;
        this.snapshotId = snapshotId;
        this.lsn = lsn;
    }

    static SnapshotKeeper open(ConnInfo info, String cloneId, Duration lockTimeout) throws SQLException {
        Connection c = PgConnections.openSource(info, "pgclone snapshot " + cloneId, lockTimeout);
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_export_snapshot(), (CASE WHEN pg_is_in_recovery()"
                     + " THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)::text")) {
            rs.next();
            return new SnapshotKeeper(c, rs.getString(1), rs.getString(2));
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Makes {@code conn}'s transaction (a source session's, begun by the driver at its first statement) read the
     * exported snapshot {@code id}, which comes from a task's configuration and so is checked before it is sent.
     */
    static void importInto(Connection conn, String id) throws SQLException {
        if (id == null || !SNAPSHOT_ID.matcher(id).matches()) {
            throw new ConnectException("task configuration holds no valid snapshot id: refusing to import it");
        }
        try (Statement st = conn.createStatement()) {
            st.execute("SET TRANSACTION SNAPSHOT '" + id + "'");
        }
    }

    /**
     * Locks every table in ACCESS SHARE mode, one at a time (waiting at most the session's lock_timeout each), so
     * that a lock that cannot be had names its table. Locks last until {@link #close()}.
     */
    void lock(List<TableDef> tables, String lockSetting) {
        lock(conn, tables.stream().map(TableDef::name).toList(), lockSetting);
    }

    /** The same on any source session: until its transaction ends. */
    static void lock(Connection conn, List<QualifiedName> tables, String lockSetting) {
        try (Statement st = conn.createStatement()) {
            for (QualifiedName t : tables) {
                try {
                    st.execute("LOCK TABLE ONLY " + t.sql() + " IN ACCESS SHARE MODE");
                } catch (SQLException e) {
                    if ("42P01".equals(e.getSQLState())) {
                        throw new ConnectException("table " + t + " does not exist on the source", e);
                    }
                    if ("42501".equals(e.getSQLState())) {
                        throw new NotReadable("the source user may not read " + t + " (it needs USAGE on the schema"
                                + " and SELECT on the table)", e);
                    }
                    String why = "55P03".equals(e.getSQLState())
                            ? "another session holds a conflicting lock on it longer than " + lockSetting + " allows"
                            : e.getMessage();
                    throw new ConnectException("cannot lock table " + t + " on the source: " + why, e);
                }
            }
        } catch (SQLException e) {
            throw new ConnectException("cannot lock the tables on the source: " + e.getMessage(), e);
        }
    }

    /** The source user lacks the rights to read a table: a matter of the user, not of the table list. */
    static final class NotReadable extends ConnectException {
        NotReadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    Connection connection() {
        return conn;
    }

    String snapshotId() {
        return snapshotId;
    }

    String lsn() {
        return lsn;
    }

    boolean isAlive() {
        try {
            return !conn.isClosed() && conn.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            if (!conn.isClosed()) {
                try {
                    conn.rollback();
                } catch (SQLException e) {
                    // the transaction is gone with the connection
                }
                conn.close();
            }
        } catch (SQLException e) {
            // closing a broken connection
        }
    }
}
