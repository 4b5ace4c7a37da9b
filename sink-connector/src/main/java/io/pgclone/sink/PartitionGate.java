package io.pgclone.sink;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkTaskContext;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Where each assigned partition stands: the next offset to process, the safe offset committed in the target (all
 * that {@code preCommit} lets Connect commit), and whether it is paused and rewound until what its records need on
 * the target (their table, their generation's manifest) is there. Rewinding a partition skips the rest of its
 * records in the current batch: Connect delivers them again from the rewound offset.
 */
final class PartitionGate {
    static final long RECHECK_MS = 500;

    /** Whether a paused partition's records can go on: its table exists, and the awaited generation is applied. */
    interface Readiness {
        boolean ready(String topic, String cloneId, int generation) throws SQLException;
    }

    /** What the gate knows of one assigned partition. */
    private static final class Position {
        long next;             // offset of the next record to process
        long stored;           // safe offset committed in the target, -1 when none
        boolean paused;
        boolean skipBatch;     // rewound in this batch: ignore its remaining records
        long lastCheck;
        String waitClone;      // paused until this clone's generation waitGeneration is applied (null: its table)
        int waitGeneration;
    }

    private final SinkTaskContext context;
    private final LongSupplier clock;
    private final Map<TopicPartition, Position> positions = new HashMap<>();

    PartitionGate(SinkTaskContext context, LongSupplier clock) {
        this.context = context;
        this.clock = clock;
    }

    /** Seeks newly assigned partitions to their stored safe offsets; a partition without one starts at 0. */
    void open(Collection<TopicPartition> assigned, Map<TopicPartition, Long> stored) {
        Map<TopicPartition, Long> seek = new HashMap<>();
        for (TopicPartition tp : assigned) {
            Position p = new Position();
            Long s = stored.get(tp);
            p.stored = s == null ? -1 : s;
            p.next = s == null ? 0 : s;
            positions.put(tp, p);
            seek.put(tp, p.next);
        }
        context.offset(seek);
        // Connect re-pauses, after a rebalance, what we paused before it; our new state starts unpaused.
        context.resume(assigned.toArray(new TopicPartition[0]));
    }

    void startBatch() {
        positions.values().forEach(p -> p.skipBatch = false);
    }

    /** Whether a record is to be processed: assigned, not rewound past in this batch, not seen already. */
    boolean admits(TopicPartition tp, long offset) {
        Position p = positions.get(tp);
        return p != null && !p.skipBatch && offset >= p.next;
    }

    void processed(TopicPartition tp, long offset) {
        positions.get(tp).next = offset + 1;
    }

    /** Pauses a partition and rewinds it to {@code offset} until {@link #resumeReady} finds it ready. */
    void holdAt(TopicPartition tp, long offset, String cloneId, int generation) {
        Position p = positions.get(tp);
        context.offset(tp, offset);
        context.pause(tp);
        p.paused = true;
        p.skipBatch = true;
        p.next = offset;
        p.lastCheck = clock.getAsLong();
        p.waitClone = cloneId;
        p.waitGeneration = generation;
        context.timeout(RECHECK_MS);
    }

    /** Resumes the paused partitions that have become ready, checking each at most every {@link #RECHECK_MS}. */
    void resumeReady(Readiness readiness) throws SQLException {
        long now = clock.getAsLong();
        boolean stillPaused = false;
        for (Map.Entry<TopicPartition, Position> e : positions.entrySet()) {
            Position p = e.getValue();
            if (!p.paused) {
                continue;
            }
            if (now - p.lastCheck >= RECHECK_MS) {
                p.lastCheck = now;
                if (readiness.ready(e.getKey().topic(), p.waitClone, p.waitGeneration)) {
                    p.paused = false;
                    p.waitClone = null;
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

    /** A chunk commit stored a new safe offset for the partition. */
    void stored(TopicPartition tp, long safeOffset) {
        Position p = positions.get(tp);
        if (p != null) {
            p.stored = safeOffset;
        }
    }

    /** After a failure: every partition back to its stored safe offset, so the lost work is read again. */
    void rewindAll() {
        Map<TopicPartition, Long> rewind = new HashMap<>();
        for (Map.Entry<TopicPartition, Position> e : positions.entrySet()) {
            Position p = e.getValue();
            p.next = Math.max(p.stored, 0);
            p.skipBatch = true;
            rewind.put(e.getKey(), p.next);
        }
        context.offset(rewind);
    }

    /** Only offsets whose records are committed in the target may be committed in Kafka. */
    Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> current) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        positions.forEach((tp, p) -> {
            if (p.stored >= 0 && current.containsKey(tp)) {
                out.put(tp, new OffsetAndMetadata(p.stored));
            }
        });
        return out;
    }

    void close(Collection<TopicPartition> revoked) {
        revoked.forEach(positions::remove);
    }

    String[] topics() {
        return positions.keySet().stream().map(TopicPartition::topic).distinct().toArray(String[]::new);
    }
}
