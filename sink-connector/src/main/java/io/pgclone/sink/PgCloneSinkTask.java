package io.pgclone.sink;

import io.pgclone.core.Version;
import io.pgclone.core.metrics.TaskMetrics;
import io.pgclone.core.protocol.ChunkStamp;
import io.pgclone.core.protocol.RecordHeaders;
import io.pgclone.core.sql.SqlErrors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;

/**
 * The sink's Connect lifecycle (see docs/decisions/0001): control records go to the {@link ControlApplier}; each
 * data record is routed by the {@link ChunkRouter} into a {@link ChunkLoad} of {@link ChunkLoads}, committed at its
 * attempt's end marker; the {@link PartitionGate} pauses, rewinds and commits partitions; after a failure every open
 * load is rolled back and every partition rewound to its safe offset in the target.
 */
public class PgCloneSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(PgCloneSinkTask.class);

    private String connector;
    private String controlTopic;
    private TargetOptions options;
    private TargetSession session;
    private ControlApplier control;
    private PartitionGate gate;
    private ChunkRouter router;
    private ChunkLoads loads;
    private final ColumnReconciler reconciler = new ColumnReconciler();
    private TaskMetrics metrics;
    private Finisher finisher;
    private long lastProgress;
    private long lastGenerationCheck;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        PgCloneSinkConfig config = PgCloneSinkConfig.forTask(props);
        connector = config.getString(PgCloneSinkConfig.TASK_CONNECTOR_NAME);
        controlTopic = config.controlTopic();
        options = config.targetOptions();
        session = TargetSession.open(config, connector, controlTopic);
        metrics = TaskMetrics.create(context, props, "loaded");
        loads = new ChunkLoads(new LoadConnections(config.connection(), connector), metrics);
        router = new ChunkRouter(session, loads::discardOlder);
        control = new ControlApplier(session.connection(), connector, options, router::raiseOldest);
        gate = new PartitionGate(context, System::currentTimeMillis);
        finisher = new Finisher(config.connection(), connector, config.maintenanceWorkMem(), config.analyze());
        Thread t = new Thread(finisher, "pgclone-post-data-" + connector);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void open(Collection<TopicPartition> assigned) {
        try {
            gate.open(assigned, session.storedOffsets(assigned));
            if (control.connection() != session.connection()) { // reconnected while reading the offsets
                control = new ControlApplier(session.connection(), connector, options, router::raiseOldest);
            }
            log.info("Sink {} opened {} partitions", connector, assigned.size());
        } catch (SQLException e) {
            throw SqlErrors.translate("cannot read the stored offsets", e);
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        gate.startBatch();
        String doing = "loading";
        try {
            gate.resumeReady(router::ready);
            for (SinkRecord r : records) {
                TopicPartition tp = new TopicPartition(r.originalTopic(), r.originalKafkaPartition());
                doing = "loading topic " + tp.topic();
                long off = r.originalKafkaOffset();
                if (!gate.admits(tp, off)) {
                    continue;
                }
                if (tp.topic().equals(controlTopic)) {
                    control.apply(r, tp);
                } else if (!load(r, tp, off)) {
                    continue;
                }
                gate.processed(tp, off);
            }
            for (ChunkLoad l : loads.all()) {
                doing = "loading " + l.describe();
                l.flush();
            }
            doing = "loading";
            control.flushOffset();
            reportProgress();
            checkOpenLoads();
        } catch (SQLException e) {
            recover(e, doing);
        }
    }

    /** @return false when the partition was paused and rewound to {@code off} */
    private boolean load(SinkRecord r, TopicPartition tp, long off) throws SQLException {
        RecordHeaders.Marker marker = RecordHeaders.marker(r.value(), r.headers());
        if (marker == RecordHeaders.Marker.TABLE_BEGIN) {
            return true; // only there to create the topic
        }
        ChunkStamp stamp = ChunkStamp.of(r.headers(), "record at " + tp + " offset " + off);
        ChunkRouter.Decision d = router.route(tp.topic(), stamp, loads.get(new ChunkKey(stamp.cloneId(), tp.topic(),
                stamp.chunk())) != null);
        switch (d.route()) {
            case WAIT_FOR_TABLE -> {
                gate.holdAt(tp, off, null, 0);
                log.debug("{} waits for its table to be created", tp);
                return false;
            }
            case WAIT_FOR_GENERATION -> {
                gate.holdAt(tp, off, stamp.cloneId(), stamp.generation());
                log.debug("{} waits for generation {} of clone {} to be applied", tp, stamp.generation(), stamp.cloneId());
                return false;
            }
            case SKIP -> {
                return true;
            }
            case START -> loads.start(d.key(), d.table(), stamp.attempt(), stamp.generation(), tp, off);
            case CONTINUE -> { }
        }
        ChunkLoad load = loads.get(d.key());
        if (marker == RecordHeaders.Marker.CHUNK_END) {
            commit(load, RecordHeaders.rows(r.headers(), "end marker at " + tp + " offset " + off), off);
        } else {
            if (r.value() instanceof Struct) {
                reconciler.reconcile(session.connection(), d.table(), r.valueSchema());
            }
            load.add(r);
        }
        return true;
    }

    private void commit(ChunkLoad load, long expected, long off) throws SQLException {
        if (expected != load.records()) {
            loads.discard(load);
            throw new ConnectException("chunk " + load.key().chunk() + " of topic " + load.key().topic() + ": received "
                    + load.records() + " records but the source sent " + expected + "; transforms that drop records must"
                    + " run on the source connector, and producers must be idempotent (the default)");
        }
        long safe = loads.safeOffset(load, off);
        ChunkLoad.Outcome outcome = load.commit(connector, safe);
        loads.ended(load);
        if (outcome == ChunkLoad.Outcome.GENERATION_DISCARDED) {
            router.generationDiscarded(load.key().cloneId());
            return;
        }
        router.committed(load.key(), load.generation());
        if (outcome == ChunkLoad.Outcome.COMMITTED) {
            gate.stored(load.tp(), safe);
            finisher.nudge();
        }
    }

    /** In-flight rows of open chunks, at most once a second, so progress moves between chunk commits. */
    private void reportProgress() throws SQLException {
        long now = System.currentTimeMillis();
        if (!loads.isEmpty() && now - lastProgress >= 1000) {
            lastProgress = now;
            session.reportLoading(loads.all());
        }
    }

    /**
     * Open loads are checked against the target once a second, so that loads of a discarded generation (whose
     * remaining records may never come) do not hold their tables open while a start-over empties them.
     */
    private void checkOpenLoads() throws SQLException {
        if (loads.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastGenerationCheck >= 1000) {
            lastGenerationCheck = now;
            for (String cloneId : loads.clones()) {
                router.refresh(cloneId);
            }
        }
        context.timeout(1000);
    }

    /**
     * A failed statement: roll every open chunk back and rewind every partition to its stored safe offset, so the
     * lost work is read again. Errors that retrying cannot fix stop the task.
     */
    private void recover(SQLException e, String doing) {
        loads.discardAll();
        router.forgetAttempts();
        session.rollbackQuietly();
        gate.rewindAll();
        if (!SqlErrors.isRetriable(e)) {
            ConnectException failure = SqlErrors.translate(doing + " into the target failed", e);
            session.failRunningJobs(gate.topics(), failure.getMessage());
            throw failure;
        }
        log.warn("Sink {}: {}; rewinding to the last committed chunks and retrying", connector, e.getMessage());
        session.replaceIfBroken();
        // the control applier starts afresh on the (maybe new) connection: its partition is rewound too
        control = new ControlApplier(session.connection(), connector, options, router::raiseOldest);
        context.timeout(2000);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> current) {
        return gate.preCommit(current);
    }

    @Override
    public void close(Collection<TopicPartition> revoked) {
        loads.revoke(revoked).forEach(router::forgetAttempt);
        gate.close(revoked);
    }

    @Override
    public void stop() {
        if (finisher != null) {
            finisher.stop();
        }
        if (loads != null) {
            loads.close();
        }
        if (session != null) {
            session.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
