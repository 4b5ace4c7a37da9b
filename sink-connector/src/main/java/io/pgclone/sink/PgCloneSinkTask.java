package io.pgclone.sink;

import io.pgclone.core.Version;
import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.protocol.RecordHeaders;
import io.pgclone.core.sql.SqlErrors;
import io.pgclone.core.state.StateSchema;
import io.pgclone.core.types.RowEncoder;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Loads records into the target exactly once (see docs/decisions/0001). The control topic goes to the
 * {@link ControlApplier}; data records of each chunk attempt stream into a {@link ChunkLoad} committed at the
 * attempt's end marker. Records of a newer attempt roll an older one back; older or committed ones are skipped.
 * On open, every partition is sought to the safe offset stored in the target.
 */
public class PgCloneSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(PgCloneSinkTask.class);
    private static final long RECHECK_MS = 500;

    private PgCloneSinkConfig config;
    private ConnInfo info;
    private String connector;
    private String controlTopic;
    private Connection main;
    private ControlApplier control;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final Map<String, TargetTable> tables = new HashMap<>();
    private final Map<ChunkKey, Integer> done = new HashMap<>(); // committed chunks: generation read under
    private final Set<String> doneLoaded = new HashSet<>();
    private final Map<String, int[]> generations = new HashMap<>(); // clone -> {oldest counting, newest applied}
    private final Map<ChunkKey, Long> latestAttempt = new HashMap<>();
    private final Map<ChunkKey, ChunkLoad> loads = new HashMap<>();
    private final Map<Schema, RowEncoder> encoders = new HashMap<>();
    private Finisher finisher;
    private final ColumnReconciler reconciler = new ColumnReconciler();
    private long lastProgress;
    private long lastGenerationCheck;
    private io.pgclone.core.metrics.TaskMetrics metrics;
    private Thread finisherThread;

    /** What this task knows of one assigned partition. */
    private static final class PartitionState {
        long next = -1;      // offset of the next record to process
        long stored = -1;    // safe offset committed in the target
        boolean paused;
        boolean skipBatch;   // rewound in this batch: ignore its remaining records
        long lastCheck;
        String waitClone;    // paused until this clone's generation waitGeneration is applied
        int waitGeneration;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = PgCloneSinkConfig.forTask(props);
        info = config.connection();
        connector = config.getString(PgCloneSinkConfig.TASK_CONNECTOR_NAME);
        controlTopic = config.controlTopic();
        try {
            if (config.createDatabase()) {
                io.pgclone.core.conn.TargetDatabase.ensure(config.maintenanceConnection(), info.database());
            }
            main = PgConnections.open(info, "pgclone sink " + connector);
            StateSchema.ensure(main);
            main.setAutoCommit(false);
            StateStore.claimUnownedJobs(main, connector, controlTopic);
            main.commit();
        } catch (SQLException e) {
            throw SqlErrors.translate(preparing(e), e);
        }
        control = new ControlApplier(main, connector, this::discardOlder);
        metrics = io.pgclone.core.metrics.TaskMetrics.create(context, props, "loaded");
        finisher = new Finisher(info, connector, config.maintenanceWorkMem(), config.analyze());
        finisherThread = new Thread(finisher, "pgclone-post-data-" + connector);
        finisherThread.setDaemon(true);
        finisherThread.start();
    }

    /** What to tell when the target cannot hold the clone's state, naming the setting to look at. */
    private String preparing(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        if (state.equals("42501")) {
            return "cannot prepare the target: " + PgCloneSinkConfig.PREFIX + "user '" + info.user() + "' may not create"
                    + " the state schema " + StateSchema.SCHEMA + " in database " + info.database() + " (grant it CREATE"
                    + " on the database, or create the schema owned by it)";
        }
        if (state.equals("25006")) {
            return "cannot prepare the target: database " + info.database() + " is read-only for "
                    + PgCloneSinkConfig.PREFIX + "user '" + info.user() + "' (default_transaction_read_only, or a standby)";
        }
        return "cannot prepare the target";
    }

    @Override
    public void open(Collection<TopicPartition> assigned) {
        try {
            Map<TopicPartition, Long> stored = storedOffsets(assigned);
            Map<TopicPartition, Long> seek = new HashMap<>();
            for (TopicPartition tp : assigned) {
                PartitionState ps = new PartitionState();
                Long s = stored.get(tp);
                ps.stored = s == null ? -1 : s;
                ps.next = s == null ? 0 : s;
                partitions.put(tp, ps);
                // No stored offset means nothing of this partition is in the target: read it from the start.
                seek.put(tp, s == null ? 0L : s);
            }
            context.offset(seek);
            // Connect re-pauses, after a rebalance, what we paused before it; our new state starts unpaused.
            context.resume(assigned.toArray(new TopicPartition[0]));
            log.info("Sink {} opened {} partitions", connector, assigned.size());
        } catch (SQLException e) {
            throw SqlErrors.translate("cannot read the stored offsets", e);
        }
    }

    /**
     * The safe offsets stored in the target. A failure here would fail the task (Connect does not retry open()),
     * so a target that is restarting or unreachable is waited for, up to a minute.
     */
    private Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> assigned) throws SQLException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try {
                Map<TopicPartition, Long> stored = StateStore.offsets(main, connector, assigned);
                main.commit();
                return stored;
            } catch (SQLException e) {
                if (!SqlErrors.isRetriable(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                log.warn("Sink {}: cannot read the stored offsets ({}); retrying", connector, e.getMessage());
                try {
                    main.rollback();
                } catch (SQLException ignored) {
                    // the connection may be gone
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                reconnectMain();
            }
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (PartitionState ps : partitions.values()) {
            ps.skipBatch = false;
        }
        String doing = "loading";
        try {
            resumeReadyPartitions();
            for (SinkRecord r : records) {
                TopicPartition tp = new TopicPartition(r.originalTopic(), r.originalKafkaPartition());
                doing = "loading topic " + tp.topic();
                PartitionState ps = partitions.get(tp);
                long off = r.originalKafkaOffset();
                if (ps == null || ps.skipBatch || off < ps.next) {
                    continue;
                }
                if (tp.topic().equals(controlTopic)) {
                    control.apply(r, tp);
                } else if (!handleData(r, tp, ps, off)) {
                    continue;
                }
                ps.next = off + 1;
            }
            for (ChunkLoad l : loads.values()) {
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

    /** In-flight rows of open chunks, at most once a second, so progress moves between chunk commits. */
    private void reportProgress() throws SQLException {
        long now = System.currentTimeMillis();
        if (loads.isEmpty() || now - lastProgress < 1000) {
            return;
        }
        lastProgress = now;
        StateStore.reportLoading(main, loads.values());
        main.commit();
    }

    /** @return false when the partition was paused and rewound to {@code off} */
    private boolean handleData(SinkRecord r, TopicPartition tp, PartitionState ps, long off) throws SQLException {
        Header marker = r.value() == null ? r.headers().lastWithName(RecordHeaders.MARKER) : null;
        if (marker != null && RecordHeaders.MARKER_TABLE_BEGIN.equals(String.valueOf(marker.value()))) {
            return true; // only there to create the topic
        }
        String cloneId = headerString(r, RecordHeaders.CLONE);
        TargetTable table = table(cloneId, tp.topic());
        if (table == null) {
            waitAt(tp, ps, off, null, 0);
            log.debug("{} waits for its table to be created", tp);
            return false;
        }
        if (table.skipped()) {
            return true; // left as it was on the target (conflict=skip)
        }
        ChunkKey key = new ChunkKey(cloneId, tp.topic(), (int) headerLong(r, RecordHeaders.CHUNK));
        int generation = (int) headerLong(r, RecordHeaders.SNAPSHOT);
        int[] gens = generations.get(cloneId);
        if (gens == null || generation > gens[1]) {
            gens = refreshGenerations(cloneId);
        }
        if (generation > gens[1]) {
            // Its manifest is not applied yet: a start-over (snapshot.lost=restart) must empty the tables first.
            waitAt(tp, ps, off, cloneId, generation);
            log.debug("{} waits for generation {} of clone {} to be applied", tp, generation, cloneId);
            return false;
        }
        if (generation < gens[0]) {
            return true; // a discarded generation
        }
        Integer doneUnder = done.get(key);
        if (doneUnder != null && doneUnder >= gens[0]) {
            return true;
        }
        long attempt = headerLong(r, RecordHeaders.ATTEMPT);
        Long latest = latestAttempt.get(key);
        if (latest != null && attempt < latest) {
            return true; // a superseded attempt
        }
        ChunkLoad load = loads.get(key);
        if (latest == null || attempt > latest) {
            if (load != null) {
                log.info("{} chunk {}: a newer attempt supersedes the one in progress; rolling back {} rows",
                        table.target(), key.chunk(), load.rows());
                discard(load);
            }
            latestAttempt.put(key, attempt);
            load = new ChunkLoad(key, table, attempt, generation, tp, off, borrow(), encoders, metrics);
            loads.put(key, load);
        } else if (load == null) {
            return true; // the rest of an attempt rolled back by close(): replayed from its start later
        }
        if (marker != null) {
            commit(load, r, off);
        } else {
            if (r.value() instanceof org.apache.kafka.connect.data.Struct) {
                reconciler.reconcile(main, table, r.valueSchema());
            }
            load.add(r);
        }
        return true;
    }

    /** Pauses a partition and rewinds it to {@code off}, until its table exists and its generation is applied. */
    private void waitAt(TopicPartition tp, PartitionState ps, long off, String cloneId, int generation) {
        context.offset(tp, off);
        context.pause(tp);
        ps.paused = true;
        ps.skipBatch = true;
        ps.next = off;
        ps.lastCheck = System.currentTimeMillis();
        ps.waitClone = cloneId;
        ps.waitGeneration = generation;
        context.timeout(RECHECK_MS);
    }

    /**
     * Reads a clone's oldest counting and newest applied generation from the target, and rolls back open loads of
     * generations that no longer count.
     */
    private int[] refreshGenerations(String cloneId) throws SQLException {
        int[] g = StateStore.generations(main, cloneId);
        main.commit();
        generations.put(cloneId, g);
        discardOlder(cloneId, g[0]);
        return g;
    }

    private void discardOlder(String cloneId, int minGeneration) {
        for (ChunkLoad l : java.util.List.copyOf(loads.values())) {
            if (l.key().cloneId().equals(cloneId) && l.generation() < minGeneration) {
                log.info("{} chunk {}: generation {} no longer counts (the clone started over); rolling back {} rows",
                        l.key().topic(), l.key().chunk(), l.generation(), l.rows());
                discard(l);
            }
        }
        int[] g = generations.get(cloneId);
        if (g != null && g[0] < minGeneration) {
            g[0] = minGeneration;
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
            for (String cloneId : loads.keySet().stream().map(ChunkKey::cloneId).distinct().toList()) {
                refreshGenerations(cloneId);
            }
        }
        context.timeout(1000);
    }

    private void commit(ChunkLoad load, SinkRecord marker, long off) throws SQLException {
        long expected = headerLong(marker, RecordHeaders.ROWS);
        if (expected != load.records()) {
            discard(load);
            throw new ConnectException("chunk " + load.key().chunk() + " of topic " + load.key().topic() + ": received "
                    + load.records() + " records but the source sent " + expected + "; transforms that drop records must"
                    + " run on the source connector, and producers must be idempotent (the default)");
        }
        long safe = off + 1;
        for (ChunkLoad other : loads.values()) {
            if (other != load && other.tp().equals(load.tp())) {
                safe = Math.min(safe, other.firstOffset());
            }
        }
        ChunkLoad.Outcome outcome = load.commit(connector, safe);
        loads.remove(load.key());
        idle.push(load.connection());
        if (outcome == ChunkLoad.Outcome.GENERATION_DISCARDED) {
            generations.remove(load.key().cloneId()); // re-read the oldest counting generation
            return;
        }
        done.merge(load.key(), load.generation(), Math::max);
        if (outcome == ChunkLoad.Outcome.COMMITTED) {
            partitions.get(load.tp()).stored = safe;
            finisher.nudge();
        }
    }

    private TargetTable table(String cloneId, String topic) throws SQLException {
        String k = cloneId + "\u0000" + topic;
        TargetTable t = tables.get(k);
        if (t == null) {
            t = StateStore.table(main, cloneId, topic);
            if (t != null) {
                tables.put(k, t);
                if (doneLoaded.add(k)) {
                    StateStore.doneChunks(main, cloneId, topic).forEach((c, g) -> done.put(new ChunkKey(cloneId, topic, c), g));
                }
            }
            main.commit();
        }
        return t;
    }

    private void resumeReadyPartitions() throws SQLException {
        long now = System.currentTimeMillis();
        boolean stillPaused = false;
        for (Map.Entry<TopicPartition, PartitionState> e : partitions.entrySet()) {
            PartitionState ps = e.getValue();
            if (!ps.paused) {
                continue;
            }
            if (now - ps.lastCheck >= RECHECK_MS) {
                ps.lastCheck = now;
                if (tableRegistered(e.getKey().topic()) && generationApplied(ps)) {
                    ps.paused = false;
                    ps.waitClone = null;
                    context.resume(e.getKey());
                    continue;
                }
            }
            stillPaused = true;
        }
        if (stillPaused) {
            context.timeout(RECHECK_MS);
        }
    }

    private boolean generationApplied(PartitionState ps) throws SQLException {
        return ps.waitClone == null || refreshGenerations(ps.waitClone)[1] >= ps.waitGeneration;
    }

    private boolean tableRegistered(String topic) throws SQLException {
        try (var ps = main.prepareStatement("SELECT 1 FROM pgclone.tables WHERE topic = ? LIMIT 1")) {
            ps.setString(1, topic);
            try (var rs = ps.executeQuery()) {
                boolean found = rs.next();
                main.commit();
                return found;
            }
        }
    }

    /**
     * A failed statement: roll every open chunk back and rewind every partition to its stored safe offset, so the
     * lost work is read again. Errors that retrying cannot fix stop the task.
     */
    private void recover(SQLException e, String doing) {
        for (ChunkLoad l : java.util.List.copyOf(loads.values())) {
            discard(l);
        }
        loads.clear();
        latestAttempt.clear();
        try {
            main.rollback();
        } catch (SQLException ignored) {
            // the connection may be gone
        }
        Map<TopicPartition, Long> rewind = new HashMap<>();
        for (Map.Entry<TopicPartition, PartitionState> en : partitions.entrySet()) {
            PartitionState ps = en.getValue();
            long to = ps.stored < 0 ? 0 : ps.stored;
            rewind.put(en.getKey(), to);
            ps.next = to;
            ps.skipBatch = true;
        }
        context.offset(rewind);
        if (!SqlErrors.isRetriable(e)) {
            ConnectException failure = SqlErrors.translate(doing + " into the target failed", e);
            failRunningJobs(failure.getMessage());
            throw failure;
        }
        log.warn("Sink {}: {}; rewinding to the last committed chunks and retrying", connector, e.getMessage());
        reconnectMain();
        context.timeout(2000);
    }

    /** Marks the jobs loading into this task's topics failed, so that status and the CLI show why. */
    private void failRunningJobs(String message) {
        try {
            String[] topics = partitions.keySet().stream().map(TopicPartition::topic).distinct().toArray(String[]::new);
            try (var ps = main.prepareStatement("UPDATE pgclone.jobs SET status = 'failed', message = ?,"
                    + " updated_at = clock_timestamp() WHERE status = 'running' AND clone_id IN"
                    + " (SELECT clone_id FROM pgclone.tables WHERE topic = ANY (?))")) {
                ps.setString(1, message);
                ps.setArray(2, main.createArrayOf("text", topics));
                ps.executeUpdate();
            }
            main.commit();
        } catch (SQLException e) {
            log.warn("Sink {}: cannot record the failure in pgclone.jobs: {}", connector, e.getMessage());
        }
    }

    /** Replaces a broken main connection, and starts the control applier afresh on it (partitions are rewound). */
    private void reconnectMain() {
        boolean valid;
        try {
            valid = main.isValid(2);
        } catch (SQLException e) {
            valid = false;
        }
        if (!valid) {
            try {
                main.close();
            } catch (SQLException ignored) {
                // broken
            }
            try {
                main = PgConnections.open(info, "pgclone sink " + connector);
                main.setAutoCommit(false);
            } catch (SQLException e) {
                log.warn("Sink {}: target still unreachable: {}", connector, e.getMessage());
            }
        }
        control = new ControlApplier(main, connector, this::discardOlder);
    }

    private Connection borrow() throws SQLException {
        while (!idle.isEmpty()) {
            Connection c = idle.pop();
            if (!c.isClosed()) {
                return c;
            }
        }
        Connection c = PgConnections.open(info, "pgclone load " + connector);
        try (var st = c.createStatement()) {
            // As pg_dump --disable-triggers: rows reloaded into tables that already have keys and triggers (after a
            // start-over) must not fire them. Needs a superuser; without one the load goes on as it is.
            st.execute("SET session_replication_role = replica");
        } catch (SQLException e) {
            log.debug("cannot set session_replication_role: {}", e.getMessage());
        }
        c.setAutoCommit(false);
        return c;
    }

    private void discard(ChunkLoad l) {
        l.rollback();
        loads.remove(l.key());
        try {
            if (l.connection().isValid(2)) {
                idle.push(l.connection());
                return;
            }
            l.connection().close();
        } catch (SQLException ignored) {
            // dropped
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> current) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (Map.Entry<TopicPartition, PartitionState> e : partitions.entrySet()) {
            if (e.getValue().stored >= 0 && current.containsKey(e.getKey())) {
                out.put(e.getKey(), new OffsetAndMetadata(e.getValue().stored));
            }
        }
        return out;
    }

    @Override
    public void close(Collection<TopicPartition> revoked) {
        for (Iterator<ChunkLoad> it = loads.values().iterator(); it.hasNext(); ) {
            ChunkLoad l = it.next();
            if (revoked.contains(l.tp())) {
                l.rollback();
                idle.push(l.connection());
                latestAttempt.remove(l.key());
                it.remove();
            }
        }
        revoked.forEach(partitions::remove);
    }

    @Override
    public void stop() {
        if (finisher != null) {
            finisher.stop();
        }
        for (ChunkLoad l : loads.values()) {
            l.rollback();
            closeQuietly(l.connection());
        }
        loads.clear();
        while (!idle.isEmpty()) {
            closeQuietly(idle.pop());
        }
        closeQuietly(main);
        if (metrics != null) {
            metrics.close();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
    }

    private static String headerString(SinkRecord r, String name) {
        Header h = r.headers().lastWithName(name);
        if (h == null || h.value() == null) {
            throw new DataException("record at " + r.originalTopic() + "-" + r.originalKafkaPartition() + " offset "
                    + r.originalKafkaOffset() + " lacks header " + name + ": not written by the pgclone source connector");
        }
        return h.value().toString();
    }

    /** Header numbers come back typed or as text, depending on the header converter. */
    private static long headerLong(SinkRecord r, String name) {
        Header h = r.headers().lastWithName(name);
        if (h == null || h.value() == null) {
            throw new DataException("record at " + r.originalTopic() + "-" + r.originalKafkaPartition() + " offset "
                    + r.originalKafkaOffset() + " lacks header " + name);
        }
        return h.value() instanceof Number n ? n.longValue() : Long.parseLong(h.value().toString());
    }
}
