package io.pgclone.core.protocol;

/**
 * Header names on data records (see docs/decisions/0001). Data rows carry the clone, chunk, snapshot generation
 * and attempt; the end-of-chunk marker (null key and value) adds {@link #MARKER} and {@link #ROWS}.
 */
public final class RecordHeaders {
    public static final String CLONE = "pgclone.clone";
    public static final String CHUNK = "pgclone.chunk";
    public static final String SNAPSHOT = "pgclone.snapshot";
    public static final String ATTEMPT = "pgclone.attempt";
    public static final String MARKER = "pgclone.marker";
    public static final String ROWS = "pgclone.rows";

    public static final String MARKER_CHUNK_END = "chunk-end";

    private RecordHeaders() {
    }
}
