package io.pgclone.source;

import io.pgclone.core.Version;
import io.pgclone.core.catalog.Catalog;
import io.pgclone.core.catalog.CatalogObject;
import io.pgclone.core.catalog.CatalogReader;
import io.pgclone.core.catalog.ColumnSelection;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.mask.ColumnMask;
import io.pgclone.core.mask.HashKeySetting;
import io.pgclone.core.metrics.TaskMetrics;
import io.pgclone.core.options.TableOptions;
import io.pgclone.core.protocol.CatalogDigest;
import io.pgclone.core.protocol.ChunkDone;
import io.pgclone.core.protocol.ChunkPlan;
import io.pgclone.core.protocol.ChunkStamp;
import io.pgclone.core.protocol.ControlMessage;
import io.pgclone.core.protocol.Manifest;
import io.pgclone.core.protocol.RecordHeaders;
import io.pgclone.core.protocol.SourceOffsets;
import io.pgclone.core.protocol.Topics;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.core.sql.SqlErrors;
import io.pgclone.core.types.RowSchema;
import io.pgclone.source.PgCloneSourceTaskConfig.ChunkRef;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads this task's chunks under the clone's exported snapshot. Task 0 first sends the manifest and the catalog to
 * the control topic. After the last row of a chunk attempt, the task waits until Kafka has acknowledged every
 * record of it, then sends the end marker (which carries the chunk's done offset) and a chunk-done control record.
 */
public class PgCloneSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(PgCloneSourceTask.class);
    private static final AtomicLong ATTEMPT_SEQ = new AtomicLong();

    private PgCloneSourceTaskConfig config;
    private String cloneId;
    private int generation;
    private String controlTopic;
    private Connection conn;
    private final Map<Integer, TableRuntime> tables = new HashMap<>();
    private List<QualifiedName> tableNames;
    private final Deque<ChunkRef> queue = new ArrayDeque<>();
    private final Deque<SourceRecord> outbox = new ArrayDeque<>();
    private final List<ChunkReader> ending = new ArrayList<>();
    private final Map<ChunkReader, AckTracker.Counts> counts = new HashMap<>();
    private final AckTracker acks = new AckTracker();
    private ChunkReader current;
    private volatile boolean stopping;
    private boolean opened;
    private TaskMetrics metrics;
    private long chunkStartNanos;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new PgCloneSourceTaskConfig(props);
        cloneId = config.getString(PgCloneSourceTaskConfig.TASK_CLONE_ID);
        generation = config.generation();
        controlTopic = Topics.control(config.topicPrefix());
        tableNames = config.planTables();
        queue.addAll(config.chunks());
        metrics = TaskMetrics.create(context, props, "read");
        // The snapshot is imported at the first poll(): after a restart Connect may start this task with its old
        // configuration (a snapshot that is gone) before the connector hands out the new one, and a task that fails
        // in start() stays failed.
    }

    /** Connects and imports the snapshot, unless every chunk of this task is already done. */
    private void open() throws SQLException, InterruptedException {
        dropDoneChunks();
        if (queue.isEmpty() && config.taskId() != 0) {
            opened = true;
            return;
        }
        conn = PgConnections.openSource(config.connection(), TaskSessions.PREFIX + config.taskId() + " " + cloneId,
                config.lockTimeout());
        try {
            SnapshotKeeper.importInto(conn, config.getString(PgCloneSourceTaskConfig.TASK_SNAPSHOT));
        } catch (SQLException e) {
            if ("42704".equals(e.getSQLState()) || "22023".equals(e.getSQLState())) {
                if (queue.isEmpty()) { // task 0 of a finished clone: nothing left to send
                    closeConnection();
                    opened = true;
                    return;
                }
                // the session stays a moment, so that the connector sees a task waiting (TaskSessions)
                Thread.sleep(1000);
                closeConnection();
                throw new RetriableException("clone " + cloneId + ": snapshot "
                        + config.getString(PgCloneSourceTaskConfig.TASK_SNAPSHOT)
                        + " is gone; waiting for the connector to hand out the new one", e);
            }
            closeConnection();
            throw e;
        }
        List<String> refused = RowFilters.problems(conn, config.tableOptions());
        if (!refused.isEmpty()) {
            throw new ConnectException(refused.get(0) + " (check " + PgCloneSourceConfig.TABLE_OPTIONS_CONFIG + ")");
        }
        List<Integer> counts = config.chunkCounts();
        SourceMasks masks = config.masks();
        if (masks.needsKey()) {
            // the keyed hash's pads as transaction-local settings of this session's one reading transaction
            HashKeySetting.set(conn, masks.key());
        }
        CatalogReader reader = new CatalogReader(conn);
        boolean sendsCatalog = config.taskId() == 0;
        Catalog catalog = sendsCatalog
                ? ColumnSelection.apply(reader.read(config.scope()), config.keptColumns()) : null;
        Map<QualifiedName, TableOptions> options = config.tableOptions();
        Map<String, TableDef> defs = new HashMap<>();
        if (catalog != null) {
            catalog.tables().forEach(t -> defs.put(t.name().schema() + "\u0000" + t.name().name(), t));
        }
        for (int i = 0; i < tableNames.size(); i++) {
            final int ti = i;
            if (sendsCatalog || queue.stream().anyMatch(c -> c.table() == ti)) {
                QualifiedName n = tableNames.get(i);
                TableOptions o = options.getOrDefault(n, TableOptions.NONE);
                TableDef def = defs.containsKey(n.schema() + "\u0000" + n.name()) ? defs.get(n.schema() + "\u0000" + n.name())
                        : reader.tables(List.of(n)).get(0);
                if (o.columns() != null) {
                    def = def.withColumns(o.columns());
                }
                String topic = Topics.data(config.topicPrefix(), def.name());
                Map<String, ColumnMask> fitted;
                try {
                    fitted = masks.forTable(def, topic);
                } catch (IllegalArgumentException e) {
                    throw new ConnectException(e.getMessage() + " (check " + PgCloneSourceConfig.MASKS_CONFIG + ")");
                }
                tables.put(i, new TableRuntime(def, RowSchema.of(def), topic,
                        new ChunkPlan(counts.get(i), config.chunkPages()), o.where(), fitted));
            }
        }
        if (sendsCatalog) {
            queueManifestAndCatalog(catalog);
        }
        opened = true;
        log.info("Clone {} task {}: generation {}, {} chunks to read", cloneId, config.taskId(), generation, queue.size());
    }

    /** Chunks whose done offset is already stored (this task was restarted) are not read again. */
    private void dropDoneChunks() {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (ChunkRef c : queue) {
            parts.add(SourceOffsets.chunkPartition(cloneId, tableNames.get(c.table()).toString(), c.chunk()));
        }
        Map<Map<String, Object>, Map<String, Object>> stored = context.offsetStorageReader().offsets(parts);
        queue.removeIf(c -> {
            Map<String, Object> o = stored.get(SourceOffsets.chunkPartition(cloneId, tableNames.get(c.table()).toString(), c.chunk()));
            return SourceOffsets.isDone(o) && SourceOffsets.longValue(o, SourceOffsets.GENERATION) >= config.minGeneration();
        });
    }

    private void queueManifestAndCatalog(Catalog catalog) {
        List<Manifest.TableEntry> entries = new ArrayList<>();
        for (int i = 0; i < tableNames.size(); i++) {
            TableRuntime t = tables.get(i);
            entries.add(new Manifest.TableEntry(t.def().name().schema(), t.def().name().name(), t.topic(),
                    t.plan().chunks(), t.plan().chunkPages(), t.def().pages(), t.def().rowEstimate()));
        }
        Manifest m = new Manifest(cloneId, generation, config.minGeneration(),
                config.getString(PgCloneSourceTaskConfig.TASK_SNAPSHOT),
                config.getString(PgCloneSourceTaskConfig.TASK_LSN), generation == config.minGeneration(), config.topicPrefix(),
                config.getString(PgCloneSourceTaskConfig.TASK_STARTED_AT), entries,
                catalog.warnings(), CatalogDigest.of(catalog.objects()));
        outbox.add(control(ControlMessage.MANIFEST, m, SourceOffsets.clonePartition(cloneId),
                SourceOffsets.cloneOffset(generation, config.minGeneration())));
        for (CatalogObject o : catalog.objects()) {
            outbox.add(control(ControlMessage.OBJECT, o, null, null));
        }
        outbox.add(control(ControlMessage.CATALOG_END, Map.of("objects", catalog.objects().size()), null, null));
        // Create every data topic now: a sink subscribed by pattern then sees them all in one rebalance, instead of
        // one rebalance (and rolled-back chunks) per topic as tables are reached.
        for (int i = 0; i < tableNames.size(); i++) {
            outbox.add(new SourceRecord(null, null, tables.get(i).topic(), 0, null, null, null, null, null,
                    RecordHeaders.tableBegin(cloneId)));
        }
    }

    private SourceRecord control(String type, Object body, Map<String, Object> partition, Map<String, Object> offset) {
        if (config.copyFormat()) { // the connector's converter carries bytes only
            return new SourceRecord(partition, offset, controlTopic, 0, Schema.BYTES_SCHEMA,
                    cloneId.getBytes(StandardCharsets.UTF_8), Schema.BYTES_SCHEMA,
                    ControlMessage.toBytes(type, cloneId, generation, body));
        }
        return new SourceRecord(partition, offset, controlTopic, 0, ControlMessage.KEY_SCHEMA, cloneId,
                ControlMessage.VALUE_SCHEMA, ControlMessage.toStruct(type, cloneId, generation, body));
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping) {
            return null;
        }
        if (!opened) {
            try {
                open();
            } catch (SQLException e) {
                throw SqlErrors.translate("clone " + cloneId + " task " + config.taskId() + " cannot start", e);
            }
        }
        List<SourceRecord> out = new ArrayList<>();
        while (!outbox.isEmpty()) {
            out.add(outbox.poll());
        }
        finishSettledChunks(out);
        try {
            if (current == null && !queue.isEmpty()) {
                current = startChunk(queue.poll());
            }
            if (current != null) {
                AckTracker.Counts c = counts.get(current);
                int before = out.size();
                if (config.copyFormat()) {
                    long[] rowsBytes = current.readCopy(Math.max(1, config.batchSize() / 1000), config.copyBatchBytes(),
                            out, SourceOffsets.inProgress());
                    metrics.rows(rowsBytes[0], rowsBytes[1]);
                } else {
                    long bytes = current.read(config.batchSize(), out, SourceOffsets.inProgress());
                    metrics.rows(out.size() - before, bytes);
                }
                acks.sent(c, out.size() - before);
                if (current.finished()) {
                    log.debug("Clone {}: chunk {} of {} read: {} rows in {} ms", cloneId, current.chunk(),
                            current.table().def().name(), current.rows(), (System.nanoTime() - chunkStartNanos) / 1_000_000);
                    ending.add(current);
                    current = null;
                }
            }
        } catch (SQLException e) {
            if (stopping) {
                return null;
            }
            throw SqlErrors.translateReading("clone " + cloneId + ": reading "
                    + (current != null ? "chunk " + current.chunk() + " of " + current.table().def().name() : "a chunk"), e);
        }
        if (out.isEmpty()) {
            // Nothing to read now: waiting for acknowledgements, or all done. Never block for long.
            Thread.sleep(ending.isEmpty() ? 500 : 20);
            return null;
        }
        return out;
    }

    private ChunkReader startChunk(ChunkRef ref) throws SQLException {
        TableRuntime t = tables.get(ref.table());
        long attempt = System.currentTimeMillis() * 1000 + ATTEMPT_SEQ.incrementAndGet() % 1000;
        Map<String, Object> partition = SourceOffsets.chunkPartition(cloneId, t.def().name().toString(), ref.chunk());
        chunkStartNanos = System.nanoTime();
        ChunkReader r = new ChunkReader(conn, t, new ChunkStamp(cloneId, ref.chunk(), generation, attempt), partition,
                ref.chunk() % config.topicPartitions());
        counts.put(r, acks.register(partition));
        return r;
    }

    /** Sends the end marker of every chunk whose records Kafka has all acknowledged. */
    private void finishSettledChunks(List<SourceRecord> out) {
        for (Iterator<ChunkReader> it = ending.iterator(); it.hasNext(); ) {
            ChunkReader r = it.next();
            AckTracker.Counts c = counts.get(r);
            if (!acks.settled(c)) {
                continue;
            }
            long written = acks.acked(c);
            acks.forget(r.partition());
            counts.remove(r);
            it.remove();
            metrics.chunkDone();
            out.add(new SourceRecord(r.partition(),
                    SourceOffsets.chunkDone(generation, config.minGeneration(), written, config.chunkPages()),
                    r.table().topic(), r.kafkaPartition(), null, null, (Schema) null, null, null,
                    RecordHeaders.chunkEnd(r.stamp(), written)));
            out.add(control(ControlMessage.CHUNK_DONE, new ChunkDone(r.table().def().name().toString(), r.table().topic(),
                    r.chunk(), r.stamp().attempt(), written), null, null));
        }
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (record.sourcePartition() != null && record.value() != null) {
            acks.ack(record.sourcePartition(), metadata != null);
        }
    }

    /** May run on another thread while poll() is blocked reading: cancel the query server-side, then close. */
    @Override
    public void stop() {
        stopping = true;
        Connection c = conn;
        if (c != null) {
            try {
                c.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException e) {
                log.debug("cancelling the running COPY", e);
            }
        }
        closeConnection();
        TaskMetrics m = metrics;
        if (m != null) {
            m.close();
        }
    }

    private synchronized void closeConnection() {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException e) {
                log.debug("closing the source connection", e);
            }
            conn = null;
        }
    }
}
