package io.pgclone.source;

import io.pgclone.core.filter.FilterCheck;
import io.pgclone.core.options.TableOptions;
import io.pgclone.core.sql.QualifiedName;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asks the source server whether each table's where filter may run (see {@link FilterCheck}): in validate, when the
 * connector plans a clone, and in every task before it reads, each time under the snapshot it reads with.
 */
final class RowFilters {
    private RowFilters() {
    }

    /** One line per refused filter, naming its table; empty when every filter may run. */
    static List<String> problems(Connection conn, Map<QualifiedName, TableOptions> options) throws SQLException {
        List<String> out = new ArrayList<>();
        FilterCheck check = new FilterCheck(conn);
        for (Map.Entry<QualifiedName, TableOptions> e : options.entrySet()) {
            if (e.getValue().where() == null) {
                continue;
            }
            try {
                check.check(e.getKey(), e.getValue().where());
            } catch (FilterCheck.Refused r) {
                out.add("where of " + e.getKey() + " " + r.getMessage());
            }
        }
        return out;
    }
}
