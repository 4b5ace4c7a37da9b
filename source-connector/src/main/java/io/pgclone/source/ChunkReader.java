package io.pgclone.source;

import io.pgclone.core.filter.FilterCheck;
import io.pgclone.core.mask.ColumnMask;
import io.pgclone.core.protocol.ChunkStamp;
import io.pgclone.core.protocol.RecordHeaders;
import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.types.RowDecoder;
import io.pgclone.core.types.RowSchema;
import io.pgclone.core.types.Special;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Streams one chunk attempt: {@code COPY (SELECT ...) TO STDOUT} pulled a batch at a time, each row parsed and
 * decoded into a record. Nothing is buffered beyond the batch being built.
 */
final class ChunkReader {
    private final TableRuntime table;
    private final ChunkStamp stamp;
    private final Map<String, Object> partition;
    private final Integer kafkaPartition;
    private final List<Header> headers;
    private final RowDecoder decoder;
    private final CopyOut copy;
    private long rows;
    private boolean finished;

    ChunkReader(Connection conn, TableRuntime table, ChunkStamp stamp, Map<String, Object> partition,
                int kafkaPartition) throws SQLException {
        this.table = table;
        this.stamp = stamp;
        this.partition = partition;
        this.kafkaPartition = kafkaPartition;
        List<Header> stampHeaders = new ArrayList<>();
        stamp.headers().forEach(stampHeaders::add);
        this.headers = stampHeaders; // copied into each record's own headers, which transforms may change
        this.decoder = new RowDecoder(table.schema());
        if (table.where() != null) {
            FilterCheck.useSessionSearchPath(conn); // as the filter was checked
        }
        this.copy = conn.unwrap(PGConnection.class).getCopyAPI().copyOut(query(table, stamp.chunk()));
    }

    static String query(TableRuntime t, int chunk) {
        StringJoiner cols = new StringJoiner(", ");
        t.schema().columns().forEach(c -> {
            ColumnMask m = t.masks().get(c.name());
            // a masked column is read as its mask, of the column's own type: the original never leaves the server
            cols.add(m == null ? Identifiers.quote(c.name()) : m.sql() + " AS " + Identifiers.quote(c.name()));
        });
        String cond = t.plan().ctidCondition(chunk);
        if (cond == null && t.where() == null && t.masks().isEmpty()) {
            return "COPY " + t.def().name().sql() + " "
                    + Identifiers.copyColumnList(t.schema().columns().stream().map(c -> c.name()).toList()) + " TO STDOUT";
        }
        // The filter's canonical form: one expression, whatever the user typed (see WhereFilter).
        String where = t.where() == null ? null : "(" + t.where().sql() + ")";
        String filter = where == null ? cond : cond == null ? where : cond + " AND " + where;
        // ONLY: an inheritance parent's own rows, not its children's (each child is a table of the clone).
        return "COPY (SELECT " + cols + " FROM ONLY " + t.def().name().sql() + (filter == null ? "" : " WHERE " + filter)
                + ") TO STDOUT";
    }

    /** Up to {@code max} records; fewer when the chunk ends. Returns the bytes of COPY text read. */
    long read(int max, List<SourceRecord> out, Map<String, Object> offset) throws SQLException {
        RowSchema rs = table.schema();
        long bytes = 0;
        for (int r = 0; r < max; r++) {
            byte[] line = copy.readFromCopy();
            if (line == null) {
                finished = true;
                return bytes;
            }
            bytes += line.length;
            ConnectHeaders h = new ConnectHeaders(headers);
            Struct value = decoder.value(line, (column, special) ->
                    h.addString(Special.header(column), special.headerValue()));
            out.add(new SourceRecord(partition, offset, table.topic(), kafkaPartition, rs.keySchema(),
                    decoder.key(value), rs.valueSchema(), value, null, h));
            rows++;
        }
        return bytes;
    }

    /**
     * record.format=copy: up to {@code max} records, each holding raw COPY text rows up to {@code batchBytes}.
     * Returns {rows, bytes} read.
     */
    long[] readCopy(int max, int batchBytes, List<SourceRecord> out, Map<String, Object> offset) throws SQLException {
        long rowsRead = 0;
        long bytes = 0;
        for (int r = 0; r < max && !finished; r++) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream(batchBytes + 4096);
            int n = 0;
            while (batch.size() < batchBytes) {
                byte[] line = copy.readFromCopy();
                if (line == null) {
                    finished = true;
                    break;
                }
                batch.writeBytes(line);
                n++;
            }
            if (n == 0) {
                break;
            }
            ConnectHeaders h = new ConnectHeaders(headers);
            RecordHeaders.addBatchRows(h, n);
            out.add(new SourceRecord(partition, offset, table.topic(), kafkaPartition, null, null,
                    Schema.BYTES_SCHEMA, batch.toByteArray(), null, h));
            rows += n;
            rowsRead += n;
            bytes += batch.size();
        }
        return new long[] {rowsRead, bytes};
    }

    boolean finished() {
        return finished;
    }

    long rows() {
        return rows;
    }

    int chunk() {
        return stamp.chunk();
    }

    ChunkStamp stamp() {
        return stamp;
    }

    TableRuntime table() {
        return table;
    }

    Map<String, Object> partition() {
        return partition;
    }

    Integer kafkaPartition() {
        return kafkaPartition;
    }
}
