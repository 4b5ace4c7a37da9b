package io.pgclone.core.catalog;

import io.pgclone.core.sql.QualifiedName;

import java.util.List;

/**
 * A table as read from the source catalog under the clone's snapshot.
 *
 * @param name       schema and table name
 * @param oid        the table's OID on the source (only meaningful there)
 * @param columns    columns in attnum order
 * @param primaryKey the primary key, or null
 * @param pages      current size in pages of the main fork ({@code pg_relation_size / block_size})
 * @param rowEstimate {@code reltuples}, -1 when never analyzed
 */
public record TableDef(QualifiedName name, long oid, List<ColumnDef> columns, PrimaryKey primaryKey, long pages,
                       long rowEstimate) {

    /** A primary key constraint: its name, columns in key order, and {@code pg_get_constraintdef}. */
    public record PrimaryKey(String name, List<String> columns, String definition) {
    }

    /** Columns whose values travel: all but generated ones. */
    public List<ColumnDef> dataColumns() {
        return columns.stream().filter(c -> !c.isGenerated()).toList();
    }

    public ColumnDef column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
