package io.pgclone.source;

import io.pgclone.core.copy.CopyTextParser;
import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.types.RowSchema;
import io.pgclone.core.types.Special;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Streams one chunk attempt: {@code COPY (SELECT ...) TO STDOUT} pulled a batch at a time, each row parsed and
 * decoded into a record. Nothing is buffered beyond the batch being built.
 */
final class ChunkReader {
    private final TableRuntime table;
    private final int chunk;
    private final long attempt;
    private final Map<String, Object> partition;
    private final Integer kafkaPartition;
    private final List<Header> headers;
    private final CopyTextParser parser;
    private final CopyOut copy;
    private long rows;
    private boolean finished;

    ChunkReader(Connection conn, TableRuntime table, int chunk, long attempt, Map<String, Object> partition,
                int kafkaPartition, List<Header> headers) throws SQLException {
        this.table = table;
        this.chunk = chunk;
        this.attempt = attempt;
        this.partition = partition;
        this.kafkaPartition = kafkaPartition;
        this.headers = headers;
        this.parser = new CopyTextParser(table.schema().columns().size());
        this.copy = conn.unwrap(PGConnection.class).getCopyAPI().copyOut(query(table, chunk));
    }

    static String query(TableRuntime t, int chunk) {
        StringJoiner cols = new StringJoiner(", ");
        t.schema().columns().forEach(c -> cols.add(Identifiers.quote(c.name())));
        String cond = t.plan().ctidCondition(chunk);
        if (cond == null) {
            return "COPY " + t.def().name().sql() + " (" + cols + ") TO STDOUT";
        }
        return "COPY (SELECT " + cols + " FROM " + t.def().name().sql() + " WHERE " + cond + ") TO STDOUT";
    }

    /** Up to {@code max} records; fewer when the chunk ends. */
    void read(int max, List<SourceRecord> out, Map<String, Object> offset) throws SQLException {
        RowSchema rs = table.schema();
        Schema valueSchema = rs.valueSchema();
        Schema keySchema = rs.keySchema();
        int[] keyPos = rs.keyPositions();
        int n = rs.columns().size();
        for (int r = 0; r < max; r++) {
            byte[] line = copy.readFromCopy();
            if (line == null) {
                finished = true;
                return;
            }
            String[] fields = parser.parse(line);
            Struct value = new Struct(valueSchema);
            ConnectHeaders h = new ConnectHeaders(headers);
            for (int i = 0; i < n; i++) {
                String text = fields[i];
                if (text == null) {
                    continue;
                }
                Object v = decode(i, text);
                if (v instanceof Special s) {
                    h.addString(Special.HEADER_PREFIX + rs.columns().get(i).name(), s.headerValue());
                } else {
                    value.put(valueSchema.fields().get(i), v);
                }
            }
            Struct key = null;
            if (keySchema != null) {
                key = new Struct(keySchema);
                for (int k = 0; k < keyPos.length; k++) {
                    key.put(keySchema.fields().get(k), value.get(valueSchema.fields().get(keyPos[k])));
                }
            }
            out.add(new SourceRecord(partition, offset, table.topic(), kafkaPartition, keySchema, key, valueSchema,
                    value, null, h));
            rows++;
        }
    }

    private Object decode(int i, String text) {
        try {
            return table.schema().codec(i).decoder().decode(text);
        } catch (RuntimeException e) {
            // Never the value itself in the message: it may be personal data.
            throw new org.apache.kafka.connect.errors.DataException("cannot decode column "
                    + table.schema().columns().get(i).name() + " of " + table.def().name() + " (type "
                    + table.schema().columns().get(i).type().formatted() + "): " + e.getClass().getSimpleName());
        }
    }

    boolean finished() {
        return finished;
    }

    long rows() {
        return rows;
    }

    int chunk() {
        return chunk;
    }

    long attempt() {
        return attempt;
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

    List<Header> headers() {
        return headers;
    }
}
