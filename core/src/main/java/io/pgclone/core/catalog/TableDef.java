package io.pgclone.core.catalog;

import io.pgclone.core.sql.QualifiedName;

import java.util.List;

/**
 * A table as read from the source catalog under the clone's snapshot.
 *
 * @param name           schema and table name
 * @param oid            the table's OID on the source (only meaningful there)
 * @param columns        columns in attnum order
 * @param primaryKey     the primary key, or null
 * @param pages          current size in pages of the main fork ({@code pg_relation_size / block_size})
 * @param rowEstimate    {@code reltuples}, -1 when never analyzed
 * @param partitioned    a partitioned table (its rows live in its partitions)
 * @param unlogged       UNLOGGED
 * @param options        storage parameters ({@code reloptions}), e.g. {@code fillfactor=70}
 * @param partitionBy    {@code pg_get_partkeydef}, for a partitioned table
 * @param partitionOf    the parent of a partition, or null
 * @param partitionBound {@code FOR VALUES ...} / {@code DEFAULT} of a partition
 * @param inherits       parents by inheritance (not partitioning), in order
 */
public record TableDef(QualifiedName name, long oid, List<ColumnDef> columns, PrimaryKey primaryKey, long pages,
                       long rowEstimate, boolean partitioned, boolean unlogged, List<String> options, String partitionBy,
                       QualifiedName partitionOf, String partitionBound, List<QualifiedName> inherits) {

    public TableDef(QualifiedName name, long oid, List<ColumnDef> columns, PrimaryKey primaryKey, long pages,
                    long rowEstimate) {
        this(name, oid, columns, primaryKey, pages, rowEstimate, false, false, List.of(), null, null, null, List.of());
    }

    /** A primary key constraint: its name, columns in key order, and {@code pg_get_constraintdef}. */
    public record PrimaryKey(String name, List<String> columns, String definition) {
    }

    /** Columns whose values travel: all but generated ones. */
    public List<ColumnDef> dataColumns() {
        return columns.stream().filter(c -> !c.isGenerated()).toList();
    }

    /** Whether the table holds rows of its own to copy (a partitioned parent does not). */
    public boolean holdsRows() {
        return !partitioned;
    }

    public ColumnDef column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
