package io.pgclone.sink;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

/** The task's pool of connections that chunk loads run on, one open load per connection, reused across chunks. */
final class LoadConnections {
    private static final Logger log = LoggerFactory.getLogger(LoadConnections.class);

    private final ConnInfo info;
    private final String connector;
    private final Deque<Connection> idle = new ArrayDeque<>();

    LoadConnections(ConnInfo info, String connector) {
        this.info = info;
        this.connector = connector;
    }

    Connection borrow() throws SQLException {
        while (!idle.isEmpty()) {
            Connection c = idle.pop();
            if (!c.isClosed()) {
                return c;
            }
        }
        Connection c = PgConnections.open(info, "pgclone load " + connector);
        try (var st = c.createStatement()) {
            // As pg_dump --disable-triggers: rows reloaded into tables that already have keys and triggers (after a
            // start-over) must not fire them. Needs a superuser; without one the load goes on as it is.
            st.execute("SET session_replication_role = replica");
        } catch (SQLException e) {
            log.debug("cannot set session_replication_role: {}", e.getMessage());
        }
        c.setAutoCommit(false);
        return c;
    }

    /** Back to the pool after a commit or a rollback that left it usable. */
    void giveBack(Connection c) {
        idle.push(c);
    }

    /** Back to the pool after a failure, unless the failure broke it. */
    void giveBackIfValid(Connection c) {
        try {
            if (c.isValid(2)) {
                idle.push(c);
                return;
            }
            c.close();
        } catch (SQLException ignored) {
            // dropped
        }
    }

    void closeAll() {
        while (!idle.isEmpty()) {
            closeQuietly(idle.pop());
        }
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
    }
}
