package io.pgclone.core.protocol;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkStampTest {
    private static final ChunkStamp STAMP = new ChunkStamp("clone-1", 7, 2, 1_733_000_000_000_123L);

    @Test
    void roundTripsTyped() {
        assertThat(ChunkStamp.of(STAMP.headers(), "r")).isEqualTo(STAMP);
    }

    /** Workers whose header converter is StringConverter hand the numbers back as text. */
    @Test
    void roundTripsThroughATextHeaderConverter() {
        assertThat(ChunkStamp.of(throughConverter(STAMP.headers(), true), "r")).isEqualTo(STAMP);
        assertThat(ChunkStamp.of(throughConverter(STAMP.headers(), false), "r")).isEqualTo(STAMP);
        ConnectHeaders end = RecordHeaders.chunkEnd(STAMP, 1234);
        Headers back = throughConverter(end, true);
        assertThat(RecordHeaders.marker(null, back)).isEqualTo(RecordHeaders.Marker.CHUNK_END);
        assertThat(RecordHeaders.rows(back, "r")).isEqualTo(1234);
    }

    @Test
    void markersAreOnlyOnRecordsWithoutValue() {
        assertThat(RecordHeaders.marker(null, RecordHeaders.tableBegin("c"))).isEqualTo(RecordHeaders.Marker.TABLE_BEGIN);
        assertThat(RecordHeaders.marker(new byte[0], RecordHeaders.chunkEnd(STAMP, 1))).isNull();
        assertThat(RecordHeaders.marker(null, STAMP.headers())).isNull();
        ConnectHeaders odd = STAMP.headers();
        odd.addString(RecordHeaders.MARKER, "table-end");
        assertThatThrownBy(() -> RecordHeaders.marker(null, odd)).isInstanceOf(DataException.class)
                .hasMessageContaining("table-end");
    }

    @Test
    void aMissingOrGarbledHeaderNamesTheRecordAndTheHeader() {
        ConnectHeaders h = STAMP.headers();
        h.remove(RecordHeaders.ATTEMPT);
        assertThatThrownBy(() -> ChunkStamp.of(h, "record at t-0 offset 5")).isInstanceOf(DataException.class)
                .hasMessage("record at t-0 offset 5 lacks header pgclone.attempt: not written by the pgclone source"
                        + " connector");
        ConnectHeaders g = STAMP.headers();
        g.remove(RecordHeaders.CHUNK).addString(RecordHeaders.CHUNK, "seven");
        assertThatThrownBy(() -> ChunkStamp.of(g, "r")).isInstanceOf(DataException.class)
                .hasMessage("r: header pgclone.chunk is not a number: seven");
        ConnectHeaders big = STAMP.headers();
        big.remove(RecordHeaders.GENERATION).addLong(RecordHeaders.GENERATION, 1L << 40);
        assertThatThrownBy(() -> ChunkStamp.of(big, "r")).isInstanceOf(DataException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void batchRowsDefaultToZero() {
        ConnectHeaders h = STAMP.headers();
        assertThat(RecordHeaders.batchRows(h)).isZero();
        RecordHeaders.addBatchRows(h, 500);
        assertThat(RecordHeaders.batchRows(throughConverter(h, true))).isEqualTo(500);
    }

    /** Serialises every header and reads it back as a worker would, with a string or the simple converter. */
    private static Headers throughConverter(Headers in, boolean string) {
        ConnectHeaders out = new ConnectHeaders();
        var converter = string ? new StringConverter() : new SimpleHeaderConverter();
        converter.configure(Map.of("converter.type", "header"));
        for (Header h : in) {
            byte[] b = converter.fromConnectHeader("t", h.key(), h.schema(), h.value());
            var back = converter.toConnectHeader("t", h.key(), b);
            out.add(h.key(), back);
        }
        return out;
    }
}
