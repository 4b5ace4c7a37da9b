package io.pgclone.core.conn;

import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.sql.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the target database when it is missing (target.database.create), as pgclone's database_create does; an
 * existing one is used as it is. CREATE DATABASE cannot run in a transaction, so tasks serialize on an advisory lock.
 * Used by the sink connector and by the CLI (which creates it first, so it can follow the clone's state there).
 */
public final class TargetDatabase {
    private static final Logger log = LoggerFactory.getLogger(TargetDatabase.class);
    private static final long LOCK = 0x7067636c6f6e6564L;

    private TargetDatabase() {
    }

    public static void ensure(ConnInfo maintenance, String database) {
        try (Connection c = PgConnections.open(maintenance, "pgclone create database")) {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_lock(" + LOCK + ")");
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    ps.setString(1, database);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            st.execute("CREATE DATABASE " + Identifiers.quote(database));
                            log.info("Created the target database {}", database);
                        }
                    }
                } finally {
                    st.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("cannot create the target database " + database, e);
        }
    }
}
