package io.pgclone.sink;

import io.pgclone.core.metrics.TaskMetrics;
import io.pgclone.core.types.RowEncoder;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The chunk attempts being loaded by this task, keyed by chunk, each on a connection of the pool. */
final class ChunkLoads {
    private static final Logger log = LoggerFactory.getLogger(ChunkLoads.class);

    private final LoadConnections connections;
    private final TaskMetrics metrics;
    private final Map<ChunkKey, ChunkLoad> open = new HashMap<>();
    private final Map<Schema, RowEncoder> encoders = new HashMap<>(); // shared: one encoder per record schema

    ChunkLoads(LoadConnections connections, TaskMetrics metrics) {
        this.connections = connections;
        this.metrics = metrics;
    }

    ChunkLoad get(ChunkKey key) {
        return open.get(key);
    }

    /** Starts loading a newer attempt of a chunk, rolling back the one in progress, if any. */
    ChunkLoad start(ChunkKey key, TargetTable table, long attempt, int generation, TopicPartition tp, long offset)
            throws SQLException {
        ChunkLoad old = open.get(key);
        if (old != null) {
            log.info("{} chunk {}: a newer attempt supersedes the one in progress; rolling back {} rows",
                    table.target(), key.chunk(), old.rows());
            discard(old);
        }
        ChunkLoad load = new ChunkLoad(key, table, attempt, generation, tp, offset, connections.borrow(), encoders,
                metrics);
        open.put(key, load);
        return load;
    }

    /** The offset up to which the partition is in the target once {@code load}, ending at {@code offset}, commits. */
    long safeOffset(ChunkLoad load, long offset) {
        long safe = offset + 1;
        for (ChunkLoad other : open.values()) {
            if (other != load && other.tp().equals(load.tp())) {
                safe = Math.min(safe, other.firstOffset());
            }
        }
        return safe;
    }

    /** The load ended (committed, or found committed or discarded): its connection goes back to the pool. */
    void ended(ChunkLoad load) {
        open.remove(load.key());
        connections.giveBack(load.connection());
    }

    void discard(ChunkLoad load) {
        load.rollback();
        open.remove(load.key());
        connections.giveBackIfValid(load.connection());
    }

    /** Rolls back the clone's loads of generations a start-over discarded. */
    void discardOlder(String cloneId, int oldestCounting) {
        for (ChunkLoad l : List.copyOf(open.values())) {
            if (l.key().cloneId().equals(cloneId) && l.generation() < oldestCounting) {
                log.info("{} chunk {}: generation {} no longer counts (the clone started over); rolling back {} rows",
                        l.key().topic(), l.key().chunk(), l.generation(), l.rows());
                discard(l);
            }
        }
    }

    void discardAll() {
        List.copyOf(open.values()).forEach(this::discard);
    }

    /** Rolls back the loads of revoked partitions; returns their chunks, whose records will be delivered again. */
    List<ChunkKey> revoke(Collection<TopicPartition> revoked) {
        List<ChunkLoad> gone = open.values().stream().filter(l -> revoked.contains(l.tp())).toList();
        for (ChunkLoad l : gone) {
            l.rollback();
            ended(l);
        }
        return gone.stream().map(ChunkLoad::key).toList();
    }

    Collection<ChunkLoad> all() {
        return open.values();
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    Set<String> clones() {
        return open.keySet().stream().map(ChunkKey::cloneId).collect(Collectors.toSet());
    }

    /** Rolls back everything and closes every connection. */
    void close() {
        for (ChunkLoad l : open.values()) {
            l.rollback();
            LoadConnections.closeQuietly(l.connection());
        }
        open.clear();
        connections.closeAll();
    }
}
