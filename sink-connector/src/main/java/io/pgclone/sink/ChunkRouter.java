package io.pgclone.sink;

import io.pgclone.core.protocol.ChunkStamp;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Decides what becomes of each data record (see docs/decisions/0001): it starts a new attempt's load, continues the
 * open one, waits for its table or generation, or is skipped (committed already, superseded, or discarded). It
 * remembers what the target has committed, read once per table from the {@link Ledger}.
 */
final class ChunkRouter {
    enum Route {
        /** Nothing to load: the chunk is committed, the attempt superseded, the generation discarded or the table skipped. */
        SKIP,
        /** The table is not created on the target yet. */
        WAIT_FOR_TABLE,
        /** The record's generation is newer than the newest applied: a start-over must empty the tables first. */
        WAIT_FOR_GENERATION,
        /** The first record of a newer attempt: roll back any open load of the chunk and start one. */
        START,
        /** The next record of the attempt being loaded. */
        CONTINUE
    }

    record Decision(Route route, TargetTable table, ChunkKey key) {
    }

    /** What the target's state says, each answer read in its own short transaction. */
    interface Ledger {
        TargetTable table(String cloneId, String topic) throws SQLException;

        /** The committed chunks of a table, each with the generation it was read under. */
        Map<Integer, Integer> doneChunks(String cloneId, String topic) throws SQLException;

        Generations generations(String cloneId) throws SQLException;

        /** Whether any clone loads into this topic's table. */
        boolean tableRegistered(String topic) throws SQLException;
    }

    /** Told when a clone's oldest counting generation rises, so open loads of older generations are rolled back. */
    interface Discards {
        void olderThan(String cloneId, int oldestCounting);
    }

    private final Ledger ledger;
    private final Discards discards;
    private final Map<String, TargetTable> tables = new HashMap<>();
    private final Set<String> doneRead = new HashSet<>();
    private final Map<ChunkKey, Integer> done = new HashMap<>(); // committed chunks: the generation read under
    private final Map<String, Generations> generations = new HashMap<>();
    private final Map<ChunkKey, Long> latestAttempt = new HashMap<>();

    ChunkRouter(Ledger ledger, Discards discards) {
        this.ledger = ledger;
        this.discards = discards;
    }

    /** @param loading whether a load of the record's chunk is open */
    Decision route(String topic, ChunkStamp stamp, boolean loading) throws SQLException {
        TargetTable table = table(stamp.cloneId(), topic);
        ChunkKey key = new ChunkKey(stamp.cloneId(), topic, stamp.chunk());
        if (table == null) {
            return new Decision(Route.WAIT_FOR_TABLE, null, key);
        }
        if (table.skipped()) {
            return new Decision(Route.SKIP, table, key); // left as it was on the target (conflict=skip)
        }
        Generations g = generations.get(stamp.cloneId());
        if (g == null || stamp.generation() > g.newestApplied()) {
            g = refresh(stamp.cloneId());
        }
        if (stamp.generation() > g.newestApplied()) {
            return new Decision(Route.WAIT_FOR_GENERATION, table, key);
        }
        Integer doneUnder = done.get(key);
        if (stamp.generation() < g.oldestCounting() || doneUnder != null && doneUnder >= g.oldestCounting()) {
            return new Decision(Route.SKIP, table, key);
        }
        Long latest = latestAttempt.get(key);
        if (latest != null && stamp.attempt() < latest) {
            return new Decision(Route.SKIP, table, key); // a superseded attempt
        }
        if (latest == null || stamp.attempt() > latest) {
            latestAttempt.put(key, stamp.attempt());
            return new Decision(Route.START, table, key);
        }
        // The rest of an attempt rolled back by close(): replayed from its start later.
        return new Decision(loading ? Route.CONTINUE : Route.SKIP, table, key);
    }

    /** Reads a clone's generations from the target, rolling back open loads of generations that no longer count. */
    Generations refresh(String cloneId) throws SQLException {
        Generations g = ledger.generations(cloneId);
        generations.put(cloneId, g);
        raiseOldest(cloneId, g.oldestCounting());
        return g;
    }

    /** A clone's oldest counting generation is now {@code oldest} (a start-over was applied). */
    void raiseOldest(String cloneId, int oldest) {
        discards.olderThan(cloneId, oldest);
        generations.computeIfPresent(cloneId, (c, g) -> g.withOldest(oldest));
    }

    /** Whether a paused partition's wait is over. */
    boolean ready(String topic, String cloneId, int generation) throws SQLException {
        return ledger.tableRegistered(topic) && (cloneId == null || refresh(cloneId).newestApplied() >= generation);
    }

    void committed(ChunkKey key, int generation) {
        done.merge(key, generation, Math::max);
    }

    /** The commit found its generation discarded: read the clone's generations again. */
    void generationDiscarded(String cloneId) {
        generations.remove(cloneId);
    }

    /** The attempt's load was rolled back without a newer one (partition revoked): its records will come again. */
    void forgetAttempt(ChunkKey key) {
        latestAttempt.remove(key);
    }

    void forgetAttempts() {
        latestAttempt.clear();
    }

    private TargetTable table(String cloneId, String topic) throws SQLException {
        String k = cloneId + "\u0000" + topic;
        TargetTable t = tables.get(k);
        if (t == null) {
            t = ledger.table(cloneId, topic);
            if (t != null) {
                tables.put(k, t);
                if (doneRead.add(k)) {
                    ledger.doneChunks(cloneId, topic).forEach((c, gen) -> done.put(new ChunkKey(cloneId, topic, c), gen));
                }
            }
        }
        return t;
    }
}
