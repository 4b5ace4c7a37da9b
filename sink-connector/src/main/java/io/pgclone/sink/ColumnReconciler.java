package io.pgclone.sink;

import io.pgclone.core.protocol.CatalogObject;
import io.pgclone.core.types.Semantic;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.pgclone.core.sql.Identifiers.quote;

/**
 * Matches a table to the records that arrive for it: a column no record carries (a transform on the source dropped
 * it) does not stay on the target, and the post-data objects that need it (indexes, constraints, triggers...) are
 * left out, each listed in the clone's warnings. Runs once per table, at its first record, in a short transaction of
 * its own, before any row of the table is loaded. A view that needs the column stops the clone with both named.
 */
final class ColumnReconciler {
    private static final Logger log = LoggerFactory.getLogger(ColumnReconciler.class);

    private final Set<String> done = new HashSet<>();

    void reconcile(Connection conn, TargetTable table, Schema valueSchema) throws SQLException {
        String key = table.cloneId() + "\u0000" + table.topic();
        if (!done.add(key)) {
            return;
        }
        Set<String> arriving = new HashSet<>();
        for (Field f : valueSchema.fields()) {
            String c = f.schema().parameters() == null ? null : f.schema().parameters().get(Semantic.COLUMN_PARAM);
            arriving.add(c != null ? c : f.name());
        }
        List<String> missing = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?)"
                + " AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum")) {
            ps.setString(1, table.target().sql());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!arriving.contains(rs.getString(1))) {
                        missing.add(rs.getString(1));
                    }
                }
            }
        }
        if (missing.isEmpty()) {
            conn.commit();
            return;
        }
        String[] source = sourceName(conn, table);
        List<String> warnings = new ArrayList<>();
        for (String c : missing) {
            try {
                SingleStatement.execute(conn, "ALTER TABLE " + table.target().sql() + " DROP COLUMN IF EXISTS "
                        + quote(c));
            } catch (SQLException e) {
                conn.rollback();
                throw new ConnectException("column " + c + " of " + table.target() + " does not arrive in the"
                        + " records (a transform dropped it), but another object on the target needs it: "
                        + e.getMessage() + ". Leave that object out, or mask the column instead of dropping it", e);
            }
            warnings.add("column " + c + " of " + table.target() + " is not created: no record carries it");
        }
        List<String> gone = new ArrayList<>();
        missing.forEach(c -> gone.add(CatalogObject.columnId(source[0], source[1], c)));
        while (!gone.isEmpty()) { // what needs a missing column, then what needs that, and so on
            List<String> next = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("UPDATE pgclone.post_data SET status = 'skipped',"
                    + " error = 'needs ' || ?, finished_at = clock_timestamp() WHERE clone_id = ? AND status = 'pending'"
                    + " AND depends_on && ?::text[] RETURNING kind, identity")) {
                ps.setString(1, String.join(", ", gone));
                ps.setString(2, table.cloneId());
                ps.setArray(3, conn.createArrayOf("text", gone.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        next.add(rs.getString(2));
                        if (!Set.of("comment", "owner", "grant").contains(rs.getString(1))) {
                            String id = rs.getString(2);
                            warnings.add(rs.getString(1) + " " + id.substring(id.indexOf(':') + 1) + " is left out: it"
                                    + " needs a column that does not arrive");
                        }
                    }
                }
            }
            gone.clear();
            gone.addAll(next);
        }
        try (PreparedStatement ps = conn.prepareStatement("UPDATE pgclone.jobs SET warnings = warnings || ?::text[]"
                + " WHERE clone_id = ?")) {
            ps.setArray(1, conn.createArrayOf("text", warnings.toArray()));
            ps.setString(2, table.cloneId());
            ps.executeUpdate();
        }
        conn.commit();
        warnings.forEach(w -> log.warn("Clone {}: {}", table.cloneId(), w));
    }

    private static String[] sourceName(Connection conn, TargetTable table) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT source_schema, source_name FROM pgclone.tables"
                + " WHERE clone_id = ? AND topic = ?")) {
            ps.setString(1, table.cloneId());
            ps.setString(2, table.topic());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ConnectException("clone " + table.cloneId() + ": topic " + table.topic() + " is not registered");
                }
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        }
    }
}
