package io.pgclone.core.protocol;

import java.util.HashMap;
import java.util.Map;

/**
 * The source connector's offsets, a versioned wire format of flat maps of primitives.
 * <ul>
 *   <li>Clone partition {@code {clone, kind=clone}}: offset {@code {v, generation, minGeneration}}, sent with the
 *       manifest, so a restarted connector knows which snapshot generation comes next and which still count.</li>
 *   <li>Chunk partition {@code {clone, table, chunk}}: offset {@code {v, done=true, generation, minGeneration, rows,
 *       chunkPages}} once the chunk's end marker is in Kafka; {@code {v, done=false}} on its rows. A chunk is done
 *       for a clone only when its generation is at least the clone's minGeneration.</li>
 * </ul>
 */
public final class SourceOffsets {
    public static final int VERSION = 1;
    public static final String CLONE = "clone";
    public static final String KIND = "kind";
    public static final String TABLE = "table";
    public static final String CHUNK = "chunk";
    public static final String V = "v";
    public static final String GENERATION = "generation";
    public static final String DONE = "done";
    public static final String ROWS = "rows";
    public static final String CHUNK_PAGES = "chunkPages";
    /** The oldest generation whose chunks still count (raised by snapshot.lost=restart). */
    public static final String MIN_GENERATION = "minGeneration";

    private static final Map<String, Object> IN_PROGRESS = Map.of(V, VERSION, DONE, false);

    private SourceOffsets() {
    }

    public static Map<String, Object> clonePartition(String cloneId) {
        return Map.of(CLONE, cloneId, KIND, "clone");
    }

    public static Map<String, Object> cloneOffset(int generation, int minGeneration) {
        return Map.of(V, VERSION, GENERATION, generation, MIN_GENERATION, minGeneration);
    }

    public static Map<String, Object> chunkPartition(String cloneId, String table, int chunk) {
        return Map.of(CLONE, cloneId, TABLE, table, CHUNK, chunk);
    }

    public static Map<String, Object> inProgress() {
        return IN_PROGRESS;
    }

    public static Map<String, Object> chunkDone(int generation, int minGeneration, long rows, long chunkPages) {
        Map<String, Object> m = new HashMap<>();
        m.put(MIN_GENERATION, minGeneration);
        m.put(V, VERSION);
        m.put(DONE, true);
        m.put(GENERATION, generation);
        m.put(ROWS, rows);
        m.put(CHUNK_PAGES, chunkPages);
        return m;
    }

    public static boolean isDone(Map<String, Object> offset) {
        return offset != null && Boolean.TRUE.equals(offset.get(DONE));
    }

    /** Numbers come back from the JSON offset store as Long or Integer. */
    public static long longValue(Map<String, Object> offset, String key) {
        Object v = offset == null ? null : offset.get(key);
        return v == null ? 0 : ((Number) v).longValue();
    }
}
