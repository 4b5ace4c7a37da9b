package io.pgclone.sink;

import io.pgclone.core.ConverterCheck;
import io.pgclone.core.copy.CopyTextWriter;
import io.pgclone.core.metrics.TaskMetrics;
import io.pgclone.core.protocol.RecordHeaders;
import io.pgclone.core.types.RowEncoder;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * One chunk attempt being loaded: a {@code COPY ... FROM STDIN} on its own connection, open across {@code put()}
 * calls, committed only at the chunk's end marker together with the chunk's state and the partition's safe offset.
 */
final class ChunkLoad {
    private static final int FLUSH_BYTES = 1 << 18;

    private final ChunkKey key;
    private final TargetTable table;
    private final long attempt;
    private final int generation;
    private final TopicPartition tp;
    private final long firstOffset;
    private final Connection conn;
    private final Map<Schema, RowEncoder> encoders;
    private final CopyTextWriter buf = new CopyTextWriter(FLUSH_BYTES + (1 << 14));
    private CopyIn copy;
    private Schema schema;
    private RowEncoder encoder;
    private long rows;
    private long records;
    private long rowsFlushed;
    private final TaskMetrics metrics;

    ChunkLoad(ChunkKey key, TargetTable table, long attempt, int generation, TopicPartition tp, long firstOffset,
              Connection conn, Map<Schema, RowEncoder> encoders, TaskMetrics metrics) {
        this.metrics = metrics;
        this.key = key;
        this.table = table;
        this.attempt = attempt;
        this.generation = generation;
        this.tp = tp;
        this.firstOffset = firstOffset;
        this.conn = conn;
        this.encoders = encoders;
    }

    /** For messages: which table and chunk this load fills. */
    String describe() {
        return "chunk " + key.chunk() + " of table " + table.target();
    }

    void add(SinkRecord r) throws SQLException {
        records++;
        Object v = r.value();
        if (v instanceof byte[] || v instanceof ByteBuffer) {
            addCopyRows(r, v);
            return;
        }
        if (!(v instanceof Struct value)) {
            throw new DataException("record at " + tp + " offset " + r.kafkaOffset() + " of " + table.target()
                    + " cannot be loaded: " + ConverterCheck.noSchema(v));
        }
        Schema s = r.valueSchema();
        if (s != schema) {
            RowEncoder e = encoders.computeIfAbsent(s, RowEncoder::of);
            if (copy != null && !e.columnList().equals(encoder.columnList())) {
                throw new DataException("the columns of " + table.target() + " changed within chunk " + key.chunk());
            }
            schema = s;
            encoder = e;
        }
        if (copy == null) {
            copy = conn.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table.target().sql() + " " + encoder.columnList() + " FROM STDIN");
        }
        encoder.write(value, r.headers(), buf);
        rows++;
        if (buf.length() >= FLUSH_BYTES) {
            flush();
        }
    }

    /** record.format=copy: the value is COPY text rows already, handed to the server as they are. */
    private void addCopyRows(SinkRecord r, Object v) throws SQLException {
        if (copy == null) {
            copy = conn.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table.target().sql() + " " + table.copyColumns() + " FROM STDIN");
        }
        long batchRows = RecordHeaders.batchRows(r.headers());
        flush();
        byte[] b;
        if (v instanceof byte[] a) {
            b = a;
        } else {
            ByteBuffer bb = ((ByteBuffer) v).duplicate();
            b = new byte[bb.remaining()];
            bb.get(b);
        }
        copy.writeToCopy(b, 0, b.length);
        metrics.rows(batchRows, b.length);
        rows += batchRows;
        rowsFlushed = rows;
    }

    /** Hands buffered rows to the server, so nothing lingers in memory between batches. */
    void flush() throws SQLException {
        if (buf.length() > 0 && copy != null) {
            copy.writeToCopy(buf.buffer(), 0, buf.length());
            metrics.rows(rows - rowsFlushed, buf.length());
            rowsFlushed = rows;
            buf.reset();
        }
    }

    /** How a commit ended. */
    enum Outcome { COMMITTED, ALREADY_COMMITTED, GENERATION_DISCARDED }

    /**
     * Ends the COPY and commits the rows, the chunk's state and the partition's safe offset in one transaction,
     * unless the chunk was committed already or its snapshot generation has been discarded meanwhile (then the
     * transaction is rolled back).
     */
    Outcome commit(String connector, long safeOffset) throws SQLException {
        flush();
        if (copy != null) {
            copy.endCopy();
            copy = null;
        }
        if (StateStore.minGeneration(conn, key.cloneId(), true) > generation) {
            conn.rollback();
            return Outcome.GENERATION_DISCARDED;
        }
        if (!StateStore.insertChunk(conn, key, generation, attempt, rows)) {
            conn.rollback();
            return Outcome.ALREADY_COMMITTED;
        }
        StateStore.storeOffset(conn, connector, tp, safeOffset);
        StateStore.clearLoading(conn, key);
        conn.commit();
        metrics.chunkDone();
        return Outcome.COMMITTED;
    }

    int generation() {
        return generation;
    }

    void rollback() {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // the rollback below discards everything anyway
        }
        copy = null;
        buf.reset();
        try {
            conn.rollback();
        } catch (SQLException e) {
            // a broken connection has rolled back already
        }
    }

    ChunkKey key() {
        return key;
    }

    TopicPartition tp() {
        return tp;
    }

    long attempt() {
        return attempt;
    }

    long firstOffset() {
        return firstOffset;
    }

    long rows() {
        return rows;
    }

    /** Records of this attempt received (a record holds one row, or a batch of them with record.format=copy). */
    long records() {
        return records;
    }

    Connection connection() {
        return conn;
    }
}
