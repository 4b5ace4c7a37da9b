package io.pgclone.source;

import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.filter.WhereFilter;
import io.pgclone.core.protocol.ChunkPlan;
import io.pgclone.core.types.RowSchema;

/**
 * What a task needs to read one table: its definition (kept columns only), record schemas, topic, chunk plan and
 * row filter (the where option, or null). Built once.
 */
record TableRuntime(TableDef def, RowSchema schema, String topic, ChunkPlan plan, WhereFilter where) {
}
