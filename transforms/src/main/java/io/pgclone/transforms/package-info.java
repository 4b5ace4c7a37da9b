/**
 * Single-message transforms for any connector: {@link io.pgclone.transforms.Mask} (pgclone's masking strategies and a
 * keyed hash), {@link io.pgclone.transforms.ColumnFilter} and {@link io.pgclone.transforms.RowFilter}. Configure them
 * on the source connector, so Kafka never holds what they remove. Records without a struct value (pgclone's chunk
 * markers, tombstones) and pgclone's control records pass through unchanged.
 */
package io.pgclone.transforms;
