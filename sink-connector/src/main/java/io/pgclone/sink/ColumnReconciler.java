package io.pgclone.sink;

import io.pgclone.core.catalog.CatalogObject;
import io.pgclone.core.sql.QualifiedName;
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
        QualifiedName source = StateStore.sourceName(conn, table.cloneId(), table.topic());
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
        missing.forEach(c -> gone.add(CatalogObject.columnId(source.schema(), source.name(), c)));
        while (!gone.isEmpty()) { // what needs a missing column, then what needs that, and so on
            List<String> next = new ArrayList<>();
            for (PostDataQueue.Skipped s : PostDataQueue.skipDependents(conn, table.cloneId(), gone)) {
                next.add(s.identity());
                if (!Set.of("comment", "owner", "grant").contains(s.kind())) {
                    warnings.add(s.kind() + " " + s.identity().substring(s.identity().indexOf(':') + 1) + " is left"
                            + " out: it needs a column that does not arrive");
                }
            }
            gone.clear();
            gone.addAll(next);
        }
        StateStore.addWarnings(conn, table.cloneId(), warnings);
        conn.commit();
        warnings.forEach(w -> log.warn("Clone {}: {}", table.cloneId(), w));
    }
}
