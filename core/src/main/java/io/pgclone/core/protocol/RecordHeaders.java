package io.pgclone.core.protocol;

/**
 * Header names on data records (see docs/decisions/0001). Data rows carry the clone, chunk, snapshot generation
 * and attempt; the end-of-chunk marker (null key and value) adds {@link #MARKER} and {@link #ROWS} (the records of
 * the attempt that reached Kafka).
 */
public final class RecordHeaders {
    public static final String CLONE = "pgclone.clone";
    public static final String CHUNK = "pgclone.chunk";
    public static final String SNAPSHOT = "pgclone.snapshot";
    public static final String ATTEMPT = "pgclone.attempt";
    public static final String MARKER = "pgclone.marker";
    public static final String ROWS = "pgclone.rows";
    /** On a record of record.format=copy: how many COPY text rows its value holds. */
    public static final String BATCH_ROWS = "pgclone.batch.rows";

    public static final String MARKER_CHUNK_END = "chunk-end";
    /** Sent once per data topic when a clone starts, so every topic exists (and is subscribed to) from the start. */
    public static final String MARKER_TABLE_BEGIN = "table-begin";

    private RecordHeaders() {
    }
}
