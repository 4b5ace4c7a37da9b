package io.pgclone.source;

import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.filter.WhereFilter;
import io.pgclone.core.mask.ColumnMask;
import io.pgclone.core.protocol.ChunkPlan;
import io.pgclone.core.types.RowSchema;

import java.util.Map;

/**
 * What a task needs to read one table: its definition (kept columns only), record schemas, topic, chunk plan, row
 * filter (the where option, or null) and the masks read in place of their columns (column name to mask). Built once.
 */
record TableRuntime(TableDef def, RowSchema schema, String topic, ChunkPlan plan, WhereFilter where,
                    Map<String, ColumnMask> masks) {
}
