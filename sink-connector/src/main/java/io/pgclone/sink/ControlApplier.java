package io.pgclone.sink;

import io.pgclone.core.catalog.TableDdl;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.protocol.CatalogObject;
import io.pgclone.core.protocol.ControlMessage;
import io.pgclone.core.protocol.Manifest;
import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.sql.QualifiedName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the control topic to the target, in order. A generation's manifest and catalog are gathered until its
 * catalog-end record, then applied in one transaction with the control offset: the job row, and on the first
 * generation the schemas and tables (pre-data) plus their registration in {@code pgclone.tables}. Offsets never
 * move past a manifest whose catalog is not applied yet, so a crash replays the whole generation.
 */
final class ControlApplier {
    private static final Logger log = LoggerFactory.getLogger(ControlApplier.class);

    private final Connection conn;
    private final String connector;
    private Manifest manifest;
    private long manifestOffset = -1;
    private final List<TableDef> objects = new ArrayList<>();
    private TopicPartition tp;
    private long next = -1;
    private long stored = -1;

    ControlApplier(Connection conn, String connector) {
        this.conn = conn;
        this.connector = connector;
    }

    void apply(SinkRecord r, TopicPartition tp) throws SQLException {
        this.tp = tp;
        ControlMessage m = ControlMessage.fromValue(r.value());
        switch (m.type()) {
            case ControlMessage.MANIFEST -> {
                manifest = m.bodyAs(Manifest.class);
                manifestOffset = r.kafkaOffset();
                objects.clear();
            }
            case ControlMessage.OBJECT -> {
                if (manifest != null) {
                    CatalogObject o = m.bodyAs(CatalogObject.class);
                    if (CatalogObject.TABLE.equals(o.kind())) {
                        objects.add(o.table());
                    }
                }
            }
            case ControlMessage.CATALOG_END -> {
                if (manifest != null && manifest.cloneId().equals(m.cloneId())) {
                    applyGeneration(r.kafkaOffset() + 1);
                    manifest = null;
                    manifestOffset = -1;
                    objects.clear();
                }
            }
            default -> log.debug("control {} for clone {}", m.type(), m.cloneId());
        }
        next = r.kafkaOffset() + 1;
    }

    /** Persists the control offset reached, never past a manifest still being gathered. */
    void flushOffset() throws SQLException {
        if (tp == null) {
            return;
        }
        long safe = manifestOffset >= 0 ? manifestOffset : next;
        if (safe > stored) {
            StateStore.storeOffset(conn, connector, tp, safe);
            conn.commit();
            stored = safe;
        }
    }

    private void applyGeneration(long offsetAfter) throws SQLException {
        Manifest m = manifest;
        String phase = jobPhase(m.cloneId());
        try {
            int minGeneration = jobMinGeneration(m.cloneId());
            if (m.minGeneration() < minGeneration) {
                throw new ConnectException("clone " + m.cloneId() + ": generation " + m.generation() + " counts chunks"
                        + " from generation " + m.minGeneration() + ", but the target already started over at generation "
                        + minGeneration + " (the source lost its offsets); start a new clone with another clone.id");
            }
            upsertJob(m);
            if (phase == null || phase.equals("pre-data")) {
                createTables(m);
            } else {
                if (m.minGeneration() > minGeneration) {
                    startOver(m);
                }
                updateChunkCounts(m);
            }
            StateStore.storeOffset(conn, connector, tp, offsetAfter);
            conn.commit();
            stored = offsetAfter;
            log.info("Clone {}: applied generation {} ({} tables{})", m.cloneId(), m.generation(), m.tables().size(),
                    phase == null || phase.equals("pre-data") ? ", created on the target" : "");
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            String msg = e.getMessage();
            recordFailure(m, msg);
            throw e instanceof ConnectException ce ? ce : new ConnectException("clone " + m.cloneId() + ": " + msg, e);
        }
    }

    /** Locks the job row, so that no chunk of an older generation commits while we discard them. */
    private int jobMinGeneration(String cloneId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT min_generation FROM pgclone.jobs WHERE clone_id = ?"
                + " FOR UPDATE")) {
            ps.setString(1, cloneId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 1;
            }
        }
    }

    /** snapshot.lost=restart: empty the clone's tables and forget its chunks; everything is read again. */
    private void startOver(Manifest m) throws SQLException {
        List<String> targets = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT quote_ident(target_schema) || '.' ||"
                + " quote_ident(target_name) FROM pgclone.tables WHERE clone_id = ?")) {
            ps.setString(1, m.cloneId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    targets.add(rs.getString(1));
                }
            }
        }
        try (Statement st = conn.createStatement()) {
            if (!targets.isEmpty()) {
                st.execute("TRUNCATE " + String.join(", ", targets));
            }
        }
        try (PreparedStatement del = conn.prepareStatement("DELETE FROM pgclone.chunks WHERE clone_id = ?");
             PreparedStatement tables = conn.prepareStatement("UPDATE pgclone.tables SET status = 'loading',"
                     + " finished_at = NULL WHERE clone_id = ?");
             PreparedStatement job = conn.prepareStatement("UPDATE pgclone.jobs SET min_generation = ?,"
                     + " status = 'running', phase = 'data', finished_at = NULL, message = NULL WHERE clone_id = ?")) {
            del.setString(1, m.cloneId());
            del.executeUpdate();
            tables.setString(1, m.cloneId());
            tables.executeUpdate();
            job.setInt(1, m.minGeneration());
            job.setString(2, m.cloneId());
            job.executeUpdate();
        }
        log.warn("Clone {}: the source started over under one new snapshot (generation {}); {} tables emptied",
                m.cloneId(), m.minGeneration(), targets.size());
    }

    private String jobPhase(String cloneId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT phase FROM pgclone.jobs WHERE clone_id = ?")) {
            ps.setString(1, cloneId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void upsertJob(Manifest m) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO pgclone.jobs (clone_id, status, phase,"
                + " generation, snapshot, snapshot_lsn, topic_prefix, tables_total, started_at, min_generation)"
                + " VALUES (?, 'running', 'pre-data', ?, ?, ?, ?, ?, ?::timestamptz, ?)"
                + " ON CONFLICT (clone_id) DO UPDATE SET generation = greatest(pgclone.jobs.generation, EXCLUDED.generation),"
                + " snapshot = EXCLUDED.snapshot, snapshot_lsn = EXCLUDED.snapshot_lsn, updated_at = clock_timestamp()")) {
            ps.setString(1, m.cloneId());
            ps.setInt(2, m.generation());
            ps.setString(3, m.snapshot());
            ps.setString(4, m.lsn());
            ps.setString(5, m.topicPrefix());
            ps.setInt(6, m.tables().size());
            ps.setString(7, m.startedAt());
            ps.setInt(8, m.minGeneration());
            ps.executeUpdate();
        }
    }

    private void createTables(Manifest m) throws SQLException {
        Map<String, TableDef> defs = new HashMap<>();
        for (TableDef t : objects) {
            defs.put(t.name().schema() + "." + t.name().name(), t);
        }
        try (Statement st = conn.createStatement();
             PreparedStatement exists = conn.prepareStatement("SELECT to_regclass(?) IS NOT NULL");
             PreparedStatement reg = conn.prepareStatement("INSERT INTO pgclone.tables (clone_id, topic, source_schema,"
                     + " source_name, target_schema, target_name, chunks_total, row_estimate, status, definition)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'loading', ?::jsonb)")) {
            for (Manifest.TableEntry e : m.tables()) {
                TableDef def = defs.get(e.schema() + "." + e.name());
                if (def == null) {
                    throw new ConnectException("clone " + m.cloneId() + ": the catalog lacks table " + e.displayName());
                }
                QualifiedName target = def.name();
                exists.setString(1, target.sql());
                try (ResultSet rs = exists.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        throw new ConnectException("table " + target + " already exists on the target; nothing was"
                                + " changed (drop it or clone into another database)");
                    }
                }
                String ddl = TableDdl.create(def, target, null);
                execute(st, "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(target.schema()), "schema " + target.schema());
                execute(st, ddl, "table " + target);
                reg.setString(1, m.cloneId());
                reg.setString(2, e.topic());
                reg.setString(3, e.schema());
                reg.setString(4, e.name());
                reg.setString(5, target.schema());
                reg.setString(6, target.name());
                reg.setInt(7, e.chunks());
                reg.setLong(8, e.rowEstimate());
                reg.setString(9, ControlMessage.JSON.writeValueAsString(CatalogObject.table(def)));
                reg.executeUpdate();
            }
            st.execute("UPDATE pgclone.jobs SET phase = 'data', tables_total = " + m.tables().size()
                    + ", updated_at = clock_timestamp() WHERE clone_id = " + Identifiers.literal(m.cloneId()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConnectException("cannot encode a table definition", e);
        }
    }

    private static void execute(Statement st, String sql, String what) throws SQLException {
        try {
            st.execute(sql);
        } catch (SQLException e) {
            throw new ConnectException("cannot create " + what + " on the target: " + e.getMessage() + "\nSQL: " + sql, e);
        }
    }

    /** A later generation may split a grown table into more chunks. */
    private void updateChunkCounts(Manifest m) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE pgclone.tables SET chunks_total = ?"
                + " WHERE clone_id = ? AND topic = ?")) {
            for (Manifest.TableEntry e : m.tables()) {
                ps.setInt(1, e.chunks());
                ps.setString(2, m.cloneId());
                ps.setString(3, e.topic());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void recordFailure(Manifest m, String message) {
        try {
            upsertJob(m);
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
