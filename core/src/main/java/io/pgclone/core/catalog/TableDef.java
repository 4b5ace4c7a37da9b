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

    /**
     * The table with only these columns, in its own order; without its primary key when that needs a column left
     * out. {@link IllegalArgumentException} names a column the table lacks.
     */
    public TableDef withColumns(List<String> keep) {
        for (String k : keep) {
            if (column(k) == null) {
                throw new IllegalArgumentException("table " + name + " has no column " + k);
            }
        }
        List<ColumnDef> kept = columns.stream().filter(c -> keep.contains(c.name())).toList();
        PrimaryKey pk = primaryKey != null && keep.containsAll(primaryKey.columns()) ? primaryKey : null;
        return new TableDef(name, oid, kept, pk, pages, rowEstimate, partitioned, unlogged, options, partitionBy,
                partitionOf, partitionBound, inherits);
    }

    public ColumnDef column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
