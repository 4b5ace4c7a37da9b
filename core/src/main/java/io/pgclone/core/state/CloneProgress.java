package io.pgclone.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A clone's progress as recorded in the target: job status, tables and chunks done, rows committed. Read by the CLI
 * while it waits, and for its final summary.
 *
 * @param status        running, done or failed; null when the target has no such job yet
 * @param consistent    false when chunks were read under more than one snapshot generation
 * @param rowsEstimate  sum of the source's row estimates (0 when the source was never analyzed)
 * @param warnings      objects left out and why, from the source catalog and from the target
 */
public record CloneProgress(String cloneId, String status, String phase, String message, int tablesTotal,
                            int tablesDone, long chunksTotal, long chunksDone, long rows, long rowsEstimate,
                            boolean consistent, String currentTable, double percent, List<TableProgress> tables,
                            List<String> warnings) {

    /** One table: where it went, how many rows are committed, its status. */
    public record TableProgress(String source, String target, String status, long rows, long chunksTotal,
                                long chunksDone) {
    }

    public boolean isDone() {
        return "done".equals(status);
    }

    public boolean isFailed() {
        return "failed".equals(status);
    }

    /** The job's progress, or a progress with a null status when the state schema or the job is not there yet. */
    public static CloneProgress read(Connection c, String cloneId) throws SQLException {
        if (!stateExists(c)) {
            return empty(cloneId);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT status, phase, message, tables_total, tables_completed,"
                + " chunks_total, chunks_done, rows_copied, rows_estimate, snapshot_consistent, current_table, percent, warnings"
                + " FROM pgclone.progress_view WHERE clone_id = ?")) {
            ps.setString(1, cloneId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return empty(cloneId);
                }
                return new CloneProgress(cloneId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getInt(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getBoolean(10),
                        rs.getString(11), rs.getDouble(12), tables(c, cloneId),
                        rs.getArray(13) == null ? List.of() : List.of((String[]) rs.getArray(13).getArray()));
            }
        }
    }

    public boolean isCancelled() {
        return "cancelled".equals(status);
    }

    private static List<TableProgress> tables(Connection c, String cloneId) throws SQLException {
        List<TableProgress> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(t.source_schema) || '.' ||"
                + " quote_ident(t.source_name), quote_ident(t.target_schema) || '.' || quote_ident(t.target_name),"
                + " t.status, coalesce(sum(ch.rows), 0), t.chunks_total, count(ch.chunk)"
                + " FROM pgclone.tables t LEFT JOIN pgclone.chunks ch ON ch.clone_id = t.clone_id AND ch.topic = t.topic"
                + " WHERE t.clone_id = ? GROUP BY t.source_schema, t.source_name, t.target_schema, t.target_name,"
                + " t.status, t.chunks_total ORDER BY 1")) {
            ps.setString(1, cloneId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TableProgress(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        return out;
    }

    private static boolean stateExists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass('pgclone.progress_view') IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static CloneProgress empty(String cloneId) {
        return new CloneProgress(cloneId, null, null, null, 0, 0, 0, 0, 0, 0, true, null, 0, List.of(), List.of());
    }
}
