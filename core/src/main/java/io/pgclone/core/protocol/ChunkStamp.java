package io.pgclone.core.protocol;

import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;

/**
 * What every data record of a chunk attempt carries in its headers: the clone, the chunk's number within its table,
 * the snapshot generation it was read under and the attempt (newer attempts of a chunk supersede older ones).
 */
public record ChunkStamp(String cloneId, int chunk, int generation, long attempt) {

    /** A fresh set of headers holding this stamp. */
    public ConnectHeaders headers() {
        ConnectHeaders h = new ConnectHeaders();
        h.addString(RecordHeaders.CLONE, cloneId);
        h.addInt(RecordHeaders.CHUNK, chunk);
        h.addInt(RecordHeaders.GENERATION, generation);
        h.addLong(RecordHeaders.ATTEMPT, attempt);
        return h;
    }

    /** The stamp of a record; {@code where} names the record in the error when a header is missing or garbled. */
    public static ChunkStamp of(Headers h, String where) {
        return new ChunkStamp(RecordHeaders.text(h, RecordHeaders.CLONE, where),
                RecordHeaders.integer(h, RecordHeaders.CHUNK, where),
                RecordHeaders.integer(h, RecordHeaders.GENERATION, where),
                RecordHeaders.number(h, RecordHeaders.ATTEMPT, where));
    }
}
