package io.pgclone.source;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The connection that exports the clone's snapshot and holds it: a {@code REPEATABLE READ READ ONLY} transaction
 * kept open until every chunk is acknowledged, so that every task can import the same snapshot.
 */
final class SnapshotKeeper implements AutoCloseable {
    private final Connection conn;
    private final String snapshotId;
    private final String lsn;

    private SnapshotKeeper(Connection conn, String snapshotId, String lsn) {
        this.conn = conn;
        this.snapshotId = snapshotId;
        this.lsn = lsn;
    }

    static SnapshotKeeper open(ConnInfo info, String cloneId) throws SQLException {
        Connection c = PgConnections.open(info, "pgclone snapshot " + cloneId);
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            try (ResultSet rs = st.executeQuery("SELECT pg_export_snapshot(), (CASE WHEN pg_is_in_recovery()"
                    + " THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)::text")) {
                rs.next();
                return new SnapshotKeeper(c, rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            c.close();
            throw e;
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
                try (Statement st = conn.createStatement()) {
                    st.execute("ROLLBACK");
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
