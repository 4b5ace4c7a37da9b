package io.pgclone.core.protocol;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

/**
 * The headers of data records, their one owner (see docs/decisions/0001): every record of a chunk attempt carries
 * its {@link ChunkStamp}; the end-of-chunk marker (null key and value) adds {@link #MARKER} and {@link #ROWS}, the
 * records of the attempt that reached Kafka; a bulk record adds {@link #BATCH_ROWS}. Numbers are written typed but
 * read back as numbers or text, whichever the worker's header converter produces.
 */
public final class RecordHeaders {
    static final String CLONE = "pgclone.clone";
    static final String CHUNK = "pgclone.chunk";
    static final String GENERATION = "pgclone.generation";
    static final String ATTEMPT = "pgclone.attempt";
    static final String MARKER = "pgclone.marker";
    static final String ROWS = "pgclone.rows";
    static final String BATCH_ROWS = "pgclone.batch.rows";

    /** What a record without a value stands for. */
    public enum Marker {
        /** Sent once per data topic when a clone starts, so every topic exists (and is subscribed to) from the start. */
        TABLE_BEGIN("table-begin"),
        /** The chunk attempt's records have all reached Kafka; {@link #rows} says how many. */
        CHUNK_END("chunk-end");

        private final String wire;

        Marker(String wire) {
            this.wire = wire;
        }
    }

    private RecordHeaders() {
    }

    /** The headers of a table-begin marker. */
    public static ConnectHeaders tableBegin(String cloneId) {
        ConnectHeaders h = new ConnectHeaders();
        h.addString(CLONE, cloneId);
        h.addString(MARKER, Marker.TABLE_BEGIN.wire);
        return h;
    }

    /** The headers of a chunk's end marker: the chunk's stamp, and the records of the attempt that reached Kafka. */
    public static ConnectHeaders chunkEnd(ChunkStamp stamp, long rows) {
        ConnectHeaders h = stamp.headers();
        h.addString(MARKER, Marker.CHUNK_END.wire);
        h.addLong(ROWS, rows);
        return h;
    }

    /** The marker a record without a value stands for, or null for a data record. */
    public static Marker marker(Object value, Headers h) {
        Header m = value == null ? h.lastWithName(MARKER) : null;
        if (m == null) {
            return null;
        }
        String wire = String.valueOf(m.value());
        for (Marker k : Marker.values()) {
            if (k.wire.equals(wire)) {
                return k;
            }
        }
        throw new DataException("unknown " + MARKER + " '" + wire + "': written by a newer pgclone source connector?");
    }

    /** An end marker's count of records; {@code where} names the record in the error when it lacks one. */
    public static long rows(Headers h, String where) {
        return number(h, ROWS, where);
    }

    public static void addBatchRows(Headers h, int rows) {
        h.addInt(BATCH_ROWS, rows);
    }

    /** How many COPY text rows a bulk record holds (0 when the header is missing). */
    public static long batchRows(Headers h) {
        Header n = h.lastWithName(BATCH_ROWS);
        return n == null || n.value() == null ? 0 : number(n, BATCH_ROWS, "a bulk record");
    }

    static String text(Headers h, String name, String where) {
        Header v = h.lastWithName(name);
        if (v == null || v.value() == null) {
            throw missing(name, where);
        }
        return v.value().toString();
    }

    static long number(Headers h, String name, String where) {
        Header v = h.lastWithName(name);
        if (v == null || v.value() == null) {
            throw missing(name, where);
        }
        return number(v, name, where);
    }

    static int integer(Headers h, String name, String where) {
        long n = number(h, name, where);
        if (n != (int) n) {
            throw new DataException(where + ": header " + name + " is out of range: " + n);
        }
        return (int) n;
    }

    /** Header numbers come back typed or as text, depending on the header converter. */
    private static long number(Header v, String name, String where) {
        if (v.value() instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.value().toString().trim());
        } catch (NumberFormatException e) {
            throw new DataException(where + ": header " + name + " is not a number: " + v.value());
        }
    }

    private static DataException missing(String name, String where) {
        return new DataException(where + " lacks header " + name + ": not written by the pgclone source connector");
    }
}
