package io.pgclone.core.verify;

import io.pgclone.core.catalog.ColumnDef;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.filter.WhereFilter;
import io.pgclone.core.mask.ColumnMask;
import io.pgclone.core.mask.MaskStrategy;
import io.pgclone.core.mask.MaskTarget;
import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.sql.QualifiedName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one table is compared on: each kept column as the source should have sent it (the column itself, or its mask
 * computed in SQL by the same definition the transform uses) against the column on the target; the source rows the
 * clone read (its filter); the key rows are told apart by. Columns masked with random values cannot be compared and
 * are listed, never silently skipped.
 *
 * @param source        the table on the source
 * @param target        where the clone put it
 * @param columns       the compared columns, in table order
 * @param notComparable columns left out of the comparison, each with why
 * @param where         the clone's row filter on the source, or null
 * @param keyed         rows are told apart by their primary key (all of it compared); else by their whole content
 */
public record TableProjection(QualifiedName source, QualifiedName target, List<Column> columns,
                              List<String> notComparable, WhereFilter where, boolean keyed) {

    /**
     * A compared column.
     *
     * @param name      its name (the same on both sides)
     * @param sourceSql its expression over the source row
     * @param key       part of the primary key
     */
    public record Column(String name, String sourceSql, boolean key) {
    }

    /**
     * The projection of a clone of {@code def} (its kept columns) into {@code target}, with {@code masks} by column
     * and the clone's {@code where}, or null.
     */
    public static TableProjection of(TableDef def, QualifiedName target, Map<String, MaskStrategy> masks, WhereFilter where) {
        List<Column> cols = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> pk = def.primaryKey() == null ? List.of() : def.primaryKey().columns();
        for (ColumnDef c : def.dataColumns()) {
            MaskStrategy m = masks.get(c.name());
            if (m instanceof MaskStrategy.RandomInt) {
                skipped.add(c.name() + " (masked with random_int: random values cannot be compared)");
                continue;
            }
            String sql = m == null ? Identifiers.quote(c.name())
                    : new ColumnMask(c.name(), m, MaskTarget.of(c.type(), c.notNull())).sql();
            cols.add(new Column(c.name(), sql, pk.contains(c.name())));
        }
        boolean keyed = !pk.isEmpty() && cols.stream().filter(Column::key).count() == pk.size();
        return new TableProjection(def.name(), target, cols, skipped, where, keyed);
    }
}
