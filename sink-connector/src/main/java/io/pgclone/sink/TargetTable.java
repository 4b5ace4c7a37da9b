package io.pgclone.sink;

import io.pgclone.core.sql.QualifiedName;

/**
 * Where the records of one data topic of one clone go, as registered in {@code pgclone.tables}.
 *
 * @param copyColumns the quoted column list of raw COPY rows (record.format=copy): the source's data columns
 * @param skipped     left as it was on the target (conflict=skip): its rows are not loaded
 */
record TargetTable(String cloneId, String topic, QualifiedName target, int chunksTotal, String copyColumns,
                   boolean skipped) {
}
