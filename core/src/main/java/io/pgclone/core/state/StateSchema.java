package io.pgclone.core.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The clone state kept in the target database, schema {@code pgclone}: jobs, their tables and committed chunks,
 * the sink's consumed offsets, and the progress views. Created on first use, under an advisory lock so that
 * concurrent sink tasks do not race.
 */
public final class StateSchema {
    public static final String SCHEMA = "pgclone";
    private static final long BOOTSTRAP_LOCK = 0x7067636c6f6e65L; // "pgclone"

    private static final String[] DDL = {
        "CREATE SCHEMA IF NOT EXISTS pgclone",
        """
        CREATE TABLE IF NOT EXISTS pgclone.jobs (
          clone_id text PRIMARY KEY,
          status text NOT NULL,
          phase text NOT NULL,
          generation int NOT NULL,
          snapshot text,
          snapshot_lsn text,
          snapshot_consistent boolean NOT NULL DEFAULT true,
          topic_prefix text,
          tables_total int NOT NULL DEFAULT 0,
          started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
          updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
          finished_at timestamptz,
          message text
        )""",
        """
        CREATE TABLE IF NOT EXISTS pgclone.tables (
          clone_id text NOT NULL REFERENCES pgclone.jobs ON DELETE CASCADE,
          topic text NOT NULL,
          source_schema text NOT NULL,
          source_name text NOT NULL,
          target_schema text NOT NULL,
          target_name text NOT NULL,
          chunks_total int NOT NULL,
          row_estimate bigint NOT NULL,
          status text NOT NULL,
          definition jsonb NOT NULL,
          finished_at timestamptz,
          PRIMARY KEY (clone_id, topic)
        )""",
        """
        CREATE TABLE IF NOT EXISTS pgclone.chunks (
          clone_id text NOT NULL,
          topic text NOT NULL,
          chunk int NOT NULL,
          generation int NOT NULL,
          attempt bigint NOT NULL,
          rows bigint NOT NULL,
          committed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
          PRIMARY KEY (clone_id, topic, chunk),
          FOREIGN KEY (clone_id, topic) REFERENCES pgclone.tables ON DELETE CASCADE
        )""",
        "ALTER TABLE pgclone.jobs ADD COLUMN IF NOT EXISTS min_generation int NOT NULL DEFAULT 1",
        """
        CREATE TABLE IF NOT EXISTS pgclone.consumer_offsets (
          connector text NOT NULL,
          topic text NOT NULL,
          kafka_partition int NOT NULL,
          next_offset bigint NOT NULL,
          PRIMARY KEY (connector, topic, kafka_partition)
        )""",
    };

    private StateSchema() {
    }

    /** Creates what is missing; safe to call from every task at every start. */
    public static void ensure(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + BOOTSTRAP_LOCK + ")");
            for (String sql : DDL) {
                st.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
