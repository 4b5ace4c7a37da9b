package io.pgclone.core.protocol;

import io.pgclone.core.sql.QualifiedName;

import java.util.List;

/**
 * What a clone is, sent first on the control topic by task 0 of every snapshot generation. It holds only what the
 * source decides; what each target does with it (conflicts, renames) is that target's sink connector's setting.
 *
 * @param cloneId     the clone id
 * @param generation  snapshot generation: 1, then +1 each time the exported snapshot had to be replaced
 * @param snapshot    the exported snapshot id
 * @param lsn         WAL position of the snapshot ({@code pg_current_wal_lsn()} inside it)
 * @param minGeneration chunks of older generations no longer count: the target discards them (snapshot.lost=restart)
 * @param consistent  false once any chunk was read under a later generation than another
 * @param topicPrefix prefix of the data and control topics
 * @param startedAt   ISO-8601 instant the first generation started
 * @param tables      the tables, with how each is split
 * @param warnings    objects the clone cannot create, by name and reason
 * @param catalog     the count and digest of the catalog objects that follow this manifest (see {@link CatalogDigest})
 */
public record Manifest(String cloneId, int generation, int minGeneration, String snapshot, String lsn, boolean consistent,
                       String topicPrefix, String startedAt, List<TableEntry> tables,
                       List<String> warnings, CatalogDigest catalog) {

    /** One table of the clone. */
    public record TableEntry(String schema, String name, String topic, int chunks, long chunkPages, long pages,
                             long rowEstimate) {

        public ChunkPlan plan() {
            return new ChunkPlan(chunks, chunkPages);
        }

        public String displayName() {
            return new QualifiedName(schema, name).toString();
        }
    }
}
