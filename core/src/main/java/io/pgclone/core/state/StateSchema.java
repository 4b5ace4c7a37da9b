package io.pgclone.core.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The clone state kept in the target database, schema {@code pgclone}: jobs, their tables and committed chunks,
 * the sink's consumed offsets, and the progress views. Created on first use, under an advisory lock so that
 * concurrent sink tasks do not race.
 */
public final class StateSchema {
    public static final String SCHEMA = "pgclone";
    static final long BOOTSTRAP_LOCK = 0x7067636c6f6e65L; // "pgclone"

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
        "ALTER TABLE pgclone.jobs ADD COLUMN IF NOT EXISTS warnings text[] NOT NULL DEFAULT '{}'",
        "ALTER TABLE pgclone.tables ADD COLUMN IF NOT EXISTS skipped boolean NOT NULL DEFAULT false",
        // The OID of the table as the clone created it: a start-over empties only that very table.
        "ALTER TABLE pgclone.tables ADD COLUMN IF NOT EXISTS created_oid oid",
        // The sink connector applying the job: only its post-data workers run the job's queue.
        "ALTER TABLE pgclone.jobs ADD COLUMN IF NOT EXISTS sink_connector text",
        // Control records that were not applied (no manifest of theirs, a catalog that does not match it...).
        """
        CREATE TABLE IF NOT EXISTS pgclone.refused_records (
          connector text NOT NULL,
          topic text NOT NULL,
          kafka_partition int NOT NULL,
          kafka_offset bigint NOT NULL,
          clone_id text,
          type text,
          reason text NOT NULL,
          refused_at timestamptz NOT NULL DEFAULT clock_timestamp(),
          PRIMARY KEY (connector, topic, kafka_partition, kafka_offset)
        )""",
        // Post-data work (keys, indexes, triggers, refreshes...): each runs once the tables it needs are loaded.
        """
        CREATE TABLE IF NOT EXISTS pgclone.post_data (
          clone_id text NOT NULL REFERENCES pgclone.jobs ON DELETE CASCADE,
          seq int NOT NULL,
          identity text NOT NULL,
          kind text NOT NULL,
          sql text NOT NULL,
          depends_on text[] NOT NULL,
          needs_topics text[] NOT NULL,
          status text NOT NULL DEFAULT 'pending',
          error text,
          finished_at timestamptz,
          PRIMARY KEY (clone_id, seq)
        )""",
        "ALTER TABLE pgclone.post_data ADD COLUMN IF NOT EXISTS statements text[]",
        """
        CREATE TABLE IF NOT EXISTS pgclone.consumer_offsets (
          connector text NOT NULL,
          topic text NOT NULL,
          kafka_partition int NOT NULL,
          next_offset bigint NOT NULL,
          PRIMARY KEY (connector, topic, kafka_partition)
        )""",
        """
        CREATE TABLE IF NOT EXISTS pgclone.loading (
          clone_id text NOT NULL,
          topic text NOT NULL,
          chunk int NOT NULL,
          attempt bigint NOT NULL,
          rows bigint NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
          PRIMARY KEY (clone_id, topic, chunk)
        )""",
        // Progress, like pgclone's async functions: one row per job with a bar, and JSON.
        """
        CREATE OR REPLACE VIEW pgclone.progress_view AS
        WITH t AS (
          SELECT clone_id, count(*) AS tables_total, count(*) FILTER (WHERE status = 'done') AS tables_done,
                 sum(greatest(row_estimate, 0)) AS rows_estimate, sum(chunks_total) AS chunks_total
          FROM pgclone.tables GROUP BY clone_id),
        c AS (
          SELECT clone_id, sum(rows) AS rows_committed, count(*) AS chunks_done,
                 count(DISTINCT generation) <= 1 AS one_snapshot
          FROM pgclone.chunks GROUP BY clone_id),
        l AS (
          SELECT clone_id, sum(rows) AS rows_loading FROM pgclone.loading
          WHERE updated_at > clock_timestamp() - interval '15 seconds' GROUP BY clone_id),
        cur AS (
          SELECT DISTINCT ON (ld.clone_id) ld.clone_id,
                 quote_ident(tb.target_schema) || '.' || quote_ident(tb.target_name) AS current_table
          FROM pgclone.loading ld JOIN pgclone.tables tb ON tb.clone_id = ld.clone_id AND tb.topic = ld.topic
          WHERE ld.updated_at > clock_timestamp() - interval '15 seconds'
          ORDER BY ld.clone_id, ld.updated_at DESC)
        SELECT j.clone_id, j.status, j.phase,
               coalesce(t.tables_done, 0)::int AS tables_completed,
               coalesce(t.tables_total, j.tables_total)::int AS tables_total,
               (coalesce(c.rows_committed, 0) + coalesce(l.rows_loading, 0))::bigint AS rows_copied,
               coalesce(t.rows_estimate, 0)::bigint AS rows_estimate,
               coalesce(c.chunks_done, 0)::bigint AS chunks_done, coalesce(t.chunks_total, 0)::bigint AS chunks_total,
               cur.current_table,
               coalesce(c.one_snapshot, true) AS snapshot_consistent,
               CASE WHEN j.status = 'done' THEN 100.0
                    WHEN coalesce(t.rows_estimate, 0) > 0 THEN least(99.9, round(100.0 * (coalesce(c.rows_committed, 0)
                         + coalesce(l.rows_loading, 0)) / t.rows_estimate, 1))
                    WHEN coalesce(t.chunks_total, 0) > 0 THEN round(100.0 * coalesce(c.chunks_done, 0) / t.chunks_total, 1)
                    ELSE 0.0 END AS percent,
               coalesce(j.finished_at, clock_timestamp()) - j.started_at AS elapsed,
               j.started_at, j.finished_at, j.message, j.warnings
        FROM pgclone.jobs j LEFT JOIN t USING (clone_id) LEFT JOIN c USING (clone_id) LEFT JOIN l USING (clone_id)
             LEFT JOIN cur USING (clone_id)""",
        """
        CREATE OR REPLACE VIEW pgclone.jobs_view AS
        SELECT clone_id AS job_id, status, phase, tables_completed || '/' || tables_total AS tables,
               '[' || repeat('█', floor(percent / 5)::int) || repeat('░', 20 - floor(percent / 5)::int) || '] '
                 || to_char(percent, 'FM990.0') || '% | ' || rows_copied || ' rows | '
                 || to_char(date_trunc('second', elapsed), 'HH24:MI:SS') || ' elapsed' AS progress,
               current_table, snapshot_consistent, message
        FROM pgclone.progress_view ORDER BY started_at""",
        """
        CREATE OR REPLACE FUNCTION pgclone.progress(job text) RETURNS jsonb LANGUAGE sql STABLE AS $$
          SELECT jsonb_build_object('job_id', clone_id, 'status', status, 'phase', phase,
                 'tables_completed', tables_completed, 'tables_total', tables_total, 'rows_copied', rows_copied,
                 'rows_estimate', rows_estimate, 'percent', percent, 'current_table', current_table,
                 'elapsed_ms', (extract(epoch FROM elapsed) * 1000)::bigint,
                 'snapshot_consistent', snapshot_consistent, 'message', message, 'warnings', to_jsonb(warnings))
          FROM pgclone.progress_view WHERE clone_id = job
        $$""",
        """
        CREATE OR REPLACE FUNCTION pgclone.jobs() RETURNS jsonb LANGUAGE sql STABLE AS $$
          SELECT coalesce(jsonb_agg(pgclone.progress(clone_id) ORDER BY started_at), '[]'::jsonb)
          FROM pgclone.progress_view
        $$""",
    };

    private StateSchema() {
    }

    /** Marks the schema as created by exactly this DDL, so that later starts need no DDL (and no table locks). */
    private static final String VERSION = "pgclone state " + Integer.toHexString(String.join(";", DDL).hashCode());

    /**
     * Creates what is missing; safe to call from every task at every start. When the schema is already at this
     * version nothing runs: the DDL's ALTER TABLEs would take exclusive locks that deadlock with other clones'
     * sink tasks reading the views. A deadlock while creating it (with a session outside our lock) is retried.
     */
    public static void ensure(Connection c) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                if (!current(c)) {
                    create(c);
                }
                return;
            } catch (SQLException e) {
                if (!"40P01".equals(e.getSQLState()) || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static boolean current(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            boolean current = versionCommitted(st);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return current;
        }
    }

    private static boolean versionCommitted(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace"
                + " WHERE nspname = '" + SCHEMA + "'")) {
            return rs.next() && VERSION.equals(rs.getString(1));
        }
    }

    private static void create(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED); // the re-check needs a fresh snapshot
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + BOOTSTRAP_LOCK + ")");
            // Tasks starting together all find the schema missing; the ones that waited for the lock must not
            // run the DDL again once the first has committed it (its exclusive locks deadlock with readers).
            if (versionCommitted(st)) {
                c.commit();
                return;
            }
            for (String sql : DDL) {
                st.execute(sql);
            }
            st.execute("COMMENT ON SCHEMA " + SCHEMA + " IS '" + VERSION + "'");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
            c.setTransactionIsolation(isolation);
        }
    }
}
