package io.pgclone.sink;

import io.pgclone.core.catalog.CatalogObject;
import io.pgclone.core.protocol.ControlMessage;
import io.pgclone.core.protocol.Manifest;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Applies the control topic to the target. Each clone's manifest and catalog are gathered by a
 * {@link CatalogAssembly} until its catalog-end record and checked against the manifest, then applied in one
 * transaction with the control offset: the job row, and on the first generation the schemas and tables (pre-data)
 * plus their registration in {@code pgclone.tables}. A record that belongs to no manifest, or a catalog that does
 * not match its manifest, is refused: nothing of it runs, it is listed in {@code pgclone.refused_records}, and a
 * spoiled clone is marked failed. Offsets never move past a manifest whose catalog is not applied yet, so a crash
 * replays the whole generation.
 */
final class ControlApplier {
    private static final Logger log = LoggerFactory.getLogger(ControlApplier.class);

    private static final int START_OVER_ATTEMPTS = 150; // of 2 s lock waits: 5 minutes

    private final Connection conn;
    private final String connector;
    private final TargetOptions options;
    private final OldLoads oldLoads;
    private final CatalogAssembly assembly = new CatalogAssembly();
    private TopicPartition tp;
    private long next = -1;
    private long stored = -1;

    ControlApplier(Connection conn, String connector, TargetOptions options, OldLoads oldLoads) {
        this.conn = conn;
        this.options = options;
        this.connector = connector;
        this.oldLoads = oldLoads;
    }

    Connection connection() {
        return conn;
    }

    /** Rolls back this task's open loads of a clone's generations older than the given one. */
    interface OldLoads {
        void discard(String cloneId, int minGeneration);
    }

    void apply(SinkRecord r, TopicPartition tp) throws SQLException {
        this.tp = tp;
        long offset = r.originalKafkaOffset();
        ControlMessage m;
        try {
            m = ControlMessage.fromValue(r.value());
        } catch (RuntimeException e) {
            refuse(offset, null, null, "it is not a control message");
            next = offset + 1;
            return;
        }
        CatalogAssembly.Outcome outcome = assembly.accept(m, offset);
        next = offset + 1;
        if (outcome instanceof CatalogAssembly.Ready ready) {
            applyGeneration(ready.manifest(), ready.objects(), assembly.safeOffset(next));
        } else if (outcome instanceof CatalogAssembly.Refused refused) {
            refuse(offset, refused.cloneId(), refused.type(), refused.reason());
            if (refused.failedClone() != null) {
                Manifest spoiled = refused.failedClone();
                String message = "generation " + spoiled.generation() + " is refused: " + refused.reason() + " at offset "
                        + offset + " of the control topic; nothing of it was applied";
                log.error("Clone {}: {}", spoiled.cloneId(), message);
                recordFailure(spoiled, message);
            }
        }
    }

    /** Lists a refused record in the target (once, however often it is read again), and says so in the log. */
    private void refuse(long offset, String cloneId, String type, String reason) throws SQLException {
        log.warn("Sink {}: control record at {}-{} offset {} (type {}, clone {}) is refused: {}", connector, tp.topic(),
                tp.partition(), offset, type, cloneId, reason);
        StateStore.refuse(conn, connector, tp, offset, cloneId, type, reason);
        conn.commit();
    }

    /** Persists the control offset reached, never past a manifest still being gathered. */
    void flushOffset() throws SQLException {
        if (tp == null) {
            return;
        }
        long safe = assembly.safeOffset(next);
        if (safe > stored) {
            StateStore.storeOffset(conn, connector, tp, safe);
            conn.commit();
            stored = safe;
        }
    }

    private void applyGeneration(Manifest m, List<CatalogObject> objects, long offsetAfter) throws SQLException {
        String phase = StateStore.jobPhase(conn, m.cloneId());
        boolean startOver = phase != null && !phase.equals("pre-data") && m.minGeneration() > StateStore.generations(conn, m.cloneId()).newestApplied();
        if (startOver) {
            discardOlderGenerations(m);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                applyGeneration(m, objects, phase, startOver, offsetAfter);
                return;
            } catch (SQLException e) {
                if (!startOver || !"55P03".equals(e.getSQLState()) || attempt >= START_OVER_ATTEMPTS) {
                    throw e;
                }
                if (attempt == 1 || attempt % 15 == 0) {
                    log.info("Clone {}: waiting for open loads of discarded generations to end before emptying the"
                            + " tables ({})", m.cloneId(), e.getMessage());
                }
            }
        }
    }

    /**
     * Start-over, first step, committed on its own: chunks of older generations can no longer commit, and every
     * sink task rolls back its open loads of them (this one at once, the others within a second). Only then can the
     * tables be emptied without waiting forever on a load that holds them open.
     */
    private void discardOlderGenerations(Manifest m) throws SQLException {
        StateStore.raiseMinGeneration(conn, m.cloneId(), m.minGeneration());
        conn.commit();
        oldLoads.discard(m.cloneId(), m.minGeneration());
    }

    private void applyGeneration(Manifest m, List<CatalogObject> objects, String phase, boolean startOver,
                                 long offsetAfter) throws SQLException {
        try {
            if (startOver) {
                // A load still holding a table makes TRUNCATE give up, not wait behind it and block other loads.
                SingleStatement.execute(conn, "SET LOCAL lock_timeout = '2s'");
            }
            int minGeneration = StateStore.lockMinGeneration(conn, m.cloneId());
            if (m.minGeneration() < minGeneration) {
                throw new ConnectException("clone " + m.cloneId() + ": generation " + m.generation() + " counts chunks"
                        + " from generation " + m.minGeneration() + ", but the target already started over at generation "
                        + minGeneration + " (the source lost its offsets); start a new clone with another clone.id");
            }
            StateStore.upsertJob(conn, m, connector);
            if (phase == null || phase.equals("pre-data")) {
                createTables(m, objects);
            } else {
                if (startOver) {
                    startOver(m);
                }
                StateStore.updateChunkCounts(conn, m);
            }
            StateStore.storeOffset(conn, connector, tp, offsetAfter);
            conn.commit();
            stored = offsetAfter;
            log.info("Clone {}: applied generation {} ({} tables{})", m.cloneId(), m.generation(), m.tables().size(),
                    phase == null || phase.equals("pre-data") ? ", created on the target" : "");
        } catch (SQLException e) {
            conn.rollback();
            if (startOver && "55P03".equals(e.getSQLState())) {
                throw e; // retried by the caller
            }
            recordFailure(m, e.getMessage());
            throw new ConnectException("clone " + m.cloneId() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            conn.rollback();
            String msg = e.getMessage();
            recordFailure(m, msg);
            throw e instanceof ConnectException ce ? ce : new ConnectException("clone " + m.cloneId() + ": " + msg, e);
        }
    }
    /**
     * snapshot.lost=restart: empty the tables this clone created and forget its chunks; everything is read again.
     * Only a table the clone created (the very table: its OID recorded when it was created) is emptied; one it left
     * as it was (conflict=skip) or that was replaced by another since is never touched.
     */
    private void startOver(Manifest m) throws SQLException {
        List<String> targets = StateStore.createdTables(conn, m.cloneId());
        if (!targets.isEmpty()) {
            SingleStatement.execute(conn, "TRUNCATE " + String.join(", ", targets));
        }
        StateStore.startOver(conn, m.cloneId(), m.minGeneration());
        log.warn("Clone {}: the source started over under one new snapshot (generation {}); {} tables emptied",
                m.cloneId(), m.minGeneration(), targets.size());
    }

    /** The first generation: every pre-data object, the tables registered, the post-data queued. */
    private void createTables(Manifest m, List<CatalogObject> objects) throws SQLException {
        PreData pre = new PreData(conn, m, objects, options);
        pre.apply();
        StateStore.enterDataPhase(conn, m.cloneId(), m.tables().size(), pre.warnings());
        pre.warnings().forEach(w -> log.warn("Clone {}: {}", m.cloneId(), w));
    }
    private void recordFailure(Manifest m, String message) {
        try {
            StateStore.upsertJob(conn, m, connector);
            StateStore.failJob(conn, m.cloneId(), message);
            conn.commit();
        } catch (SQLException e) {
            log.warn("Clone {}: cannot record the failure in pgclone.jobs", m.cloneId(), e);
            try {
                conn.rollback();
            } catch (SQLException ignored) {
                // nothing more to do
            }
        }
    }
}
