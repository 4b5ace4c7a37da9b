package io.pgclone.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pgclone.core.catalog.CatalogObject;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.protocol.ControlMessage;
import io.pgclone.core.protocol.Manifest;
import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.sql.QualifiedName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sink's SQL on the clone state in the target's {@code pgclone} schema (its DDL is {@code StateSchema}'s):
 * jobs, tables, chunks, offsets, progress and refused records. The post-data queue is {@link PostDataQueue}'s.
 */
final class StateStore {
    private StateStore() {
    }

    static Map<TopicPartition, Long> offsets(Connection c, String connector, Collection<TopicPartition> tps)
            throws SQLException {
        Map<TopicPartition, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT next_offset FROM pgclone.consumer_offsets"
                + " WHERE connector = ? AND topic = ? AND kafka_partition = ?")) {
            for (TopicPartition tp : tps) {
                ps.setString(1, connector);
                ps.setString(2, tp.topic());
                ps.setInt(3, tp.partition());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.put(tp, rs.getLong(1));
                    }
                }
            }
        }
        return out;
    }

    static void storeOffset(Connection c, String connector, TopicPartition tp, long next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pgclone.consumer_offsets"
                + " (connector, topic, kafka_partition, next_offset) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (connector, topic, kafka_partition) DO UPDATE SET next_offset = EXCLUDED.next_offset")) {
            ps.setString(1, connector);
            ps.setString(2, tp.topic());
            ps.setInt(3, tp.partition());
            ps.setLong(4, next);
            ps.executeUpdate();
        }
    }

    /** The table registered for a clone's topic, or null while its DDL is not applied yet. */
    static TargetTable table(Connection c, String cloneId, String topic) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT target_schema, target_name, chunks_total,"
                + " definition::text, skipped FROM pgclone.tables WHERE clone_id = ? AND topic = ?")) {
            ps.setString(1, cloneId);
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                TableDef def = ControlMessage.JSON.readValue(rs.getString(4), CatalogObject.class).table();
                String cols = Identifiers.copyColumnList(def.dataColumns().stream().map(col -> col.name()).toList());
                return new TargetTable(cloneId, topic, new QualifiedName(rs.getString(1), rs.getString(2)), rs.getInt(3),
                        cols, rs.getBoolean(5));
            } catch (JsonProcessingException e) {
                throw new SQLException("unreadable table definition of " + topic + " in pgclone.tables", e);
            }
        }
    }

    /** Committed chunks of a topic and the generation each was read under. */
    static Map<Integer, Integer> doneChunks(Connection c, String cloneId, String topic) throws SQLException {
        Map<Integer, Integer> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT chunk, generation FROM pgclone.chunks"
                + " WHERE clone_id = ? AND topic = ?")) {
            ps.setString(1, cloneId);
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    /**
     * The oldest snapshot generation whose chunks count for a clone. With {@code lock}, the job row is share-locked
     * for the transaction, so that a start-over (which updates it) cannot interleave with a chunk commit.
     */
    static int minGeneration(Connection c, String cloneId, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT min_generation FROM pgclone.jobs WHERE clone_id = ?"
                + (lock ? " FOR SHARE" : ""))) {
            ps.setString(1, cloneId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 1;
            }
        }
    }

    /** A clone's generations as the target records them. */
    static Generations generations(Connection c, String cloneId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT min_generation, generation FROM pgclone.jobs"
                + " WHERE clone_id = ?")) {
            ps.setString(1, cloneId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Generations(rs.getInt(1), rs.getInt(2)) : Generations.NONE_APPLIED;
            }
        }
    }

    /** Whether any clone has registered a table for this topic. */
    static boolean tableRegistered(Connection c, String topic) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pgclone.tables WHERE topic = ? LIMIT 1")) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Records a committed chunk; false when it was already recorded (then the caller rolls back). */
    static boolean insertChunk(Connection c, ChunkKey k, int generation, long attempt, long rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pgclone.chunks"
                + " (clone_id, topic, chunk, generation, attempt, rows) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, k.cloneId());
            ps.setString(2, k.topic());
            ps.setInt(3, k.chunk());
            ps.setInt(4, generation);
            ps.setLong(5, attempt);
            ps.setLong(6, rows);
            return ps.executeUpdate() == 1;
        }
    }

    /** Rows streamed into open chunk transactions, for progress only (not transactional with them). */
    static void reportLoading(Connection c, Collection<ChunkLoad> loads) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pgclone.loading (clone_id, topic, chunk, attempt, rows)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (clone_id, topic, chunk) DO UPDATE SET attempt = EXCLUDED.attempt,"
                // The same attempt read again after a rebalance rolled it back: progress does not go back meanwhile.
                + " rows = CASE WHEN pgclone.loading.attempt = EXCLUDED.attempt"
                + " THEN greatest(pgclone.loading.rows, EXCLUDED.rows) ELSE EXCLUDED.rows END,"
                + " updated_at = clock_timestamp()")) {
            for (ChunkLoad l : loads) {
                ps.setString(1, l.key().cloneId());
                ps.setString(2, l.key().topic());
                ps.setInt(3, l.key().chunk());
                ps.setLong(4, l.attempt());
                ps.setLong(5, l.rows());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void clearLoading(Connection c, ChunkKey k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pgclone.loading WHERE clone_id = ? AND topic = ?"
                + " AND chunk = ?")) {
            ps.setString(1, k.cloneId());
            ps.setString(2, k.topic());
            ps.setInt(3, k.chunk());
            ps.executeUpdate();
        }
    }

    /** Lists a control record that was not applied, once per position (a replay does not list it again). */
    static void refuse(Connection c, String connector, TopicPartition tp, long offset, String cloneId, String type,
                       String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pgclone.refused_records (connector, topic,"
                + " kafka_partition, kafka_offset, clone_id, type, reason) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
            ps.setString(1, connector);
            ps.setString(2, tp.topic());
            ps.setInt(3, tp.partition());
            ps.setLong(4, offset);
            ps.setString(5, cloneId);
            ps.setString(6, type);
            ps.setString(7, reason);
            ps.executeUpdate();
        }
    }

    /**
     * The tables a clone created, quoted, that are still the very tables it created (same OID). A table the clone
     * registered but did not create, or whose creation predates this record, stops the caller: emptying it could
     * destroy rows that are not the clone's.
     */
    static List<String> createdTables(Connection c, String cloneId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(target_schema) || '.' || quote_ident(target_name),"
                + " created_oid IS NOT NULL AND to_regclass(quote_ident(target_schema) || '.' || quote_ident(target_name))"
                + " = created_oid FROM pgclone.tables WHERE clone_id = ? AND NOT skipped ORDER BY 1")) {
            ps.setString(1, cloneId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getBoolean(2)) {
                        throw new ConnectException("clone " + cloneId + ": table "
                                + rs.getString(1) + " is not the table this clone created (it was replaced, or the clone"
                                + " was started by an older version); the clone cannot start over without emptying a"
                                + " table it did not create: start a new clone with another clone.id");
                    }
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Jobs started before jobs recorded their sink connector: this connector owns those whose control topic it has
     * consumed, so that their post-data still runs (and nobody else's).
     */
    static void claimUnownedJobs(Connection c, String connector, String controlTopic) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pgclone.jobs j SET sink_connector = ?"
                + " WHERE j.sink_connector IS NULL AND j.topic_prefix || '._control' = ? AND EXISTS (SELECT 1"
                + " FROM pgclone.consumer_offsets o WHERE o.connector = ? AND o.topic = ?)")) {
            ps.setString(1, connector);
            ps.setString(2, controlTopic);
            ps.setString(3, connector);
            ps.setString(4, controlTopic);
            ps.executeUpdate();
        }
    }

    /** Marks the running jobs that load into any of these topics failed, so that status and the CLI show why. */
    static void failRunningJobs(Connection c, String[] topics, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pgclone.jobs SET status = 'failed', message = ?,"
                + " updated_at = clock_timestamp() WHERE status = 'running' AND clone_id IN"
                + " (SELECT clone_id FROM pgclone.tables WHERE topic = ANY (?))")) {
            ps.setString(1, message);
            ps.setArray(2, c.createArrayOf("text", topics));
            ps.executeUpdate();
        }
    }

    static void failJob(Connection c, String cloneId, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pgclone.jobs SET status = 'failed', message = ?,"
                + " updated_at = clock_timestamp() WHERE clone_id = ?")) {
            ps.setString(1, message);
            ps.setString(2, cloneId);
            ps.executeUpdate();
        }
    }

    // ---- jobs

    /** A clone's phase (pre-data, data, done), or null before its first manifest. */
    static String jobPhase(Connection c, String cloneId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT phase FROM pgclone.jobs WHERE clone_id = ?")) {
            ps.setString(1, cloneId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The oldest counting generation, the job row locked so that no chunk of an older one commits meanwhile. */
    static int lockMinGeneration(Connection c, String cloneId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT min_generation FROM pgclone.jobs WHERE clone_id = ?"
                + " FOR UPDATE")) {
            ps.setString(1, cloneId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 1;
            }
        }
    }

    static void raiseMinGeneration(Connection c, String cloneId, int minGeneration) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pgclone.jobs SET min_generation ="
                + " greatest(min_generation, ?) WHERE clone_id = ?")) {
            ps.setInt(1, minGeneration);
            ps.setString(2, cloneId);
            ps.executeUpdate();
        }
    }

    /** The job of a manifest, created or brought to its generation; {@code connector} runs its post-data. */
    static void upsertJob(Connection c, Manifest m, String connector) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pgclone.jobs (clone_id, status, phase,"
                + " generation, snapshot, snapshot_lsn, topic_prefix, tables_total, started_at, min_generation,"
                + " sink_connector) VALUES (?, 'running', 'pre-data', ?, ?, ?, ?, ?, ?::timestamptz, ?, ?)"
                + " ON CONFLICT (clone_id) DO UPDATE SET generation = greatest(pgclone.jobs.generation, EXCLUDED.generation),"
                + " snapshot = EXCLUDED.snapshot, snapshot_lsn = EXCLUDED.snapshot_lsn,"
                + " sink_connector = EXCLUDED.sink_connector, updated_at = clock_timestamp()")) {
            ps.setString(1, m.cloneId());
            ps.setInt(2, m.generation());
            ps.setString(3, m.snapshot());
            ps.setString(4, m.lsn());
            ps.setString(5, m.topicPrefix());
            ps.setInt(6, m.tables().size());
            ps.setString(7, m.startedAt());
            ps.setInt(8, m.minGeneration());
            ps.setString(9, connector);
            ps.executeUpdate();
        }
    }

    /** The pre-data is applied: rows may come. */
    static void enterDataPhase(Connection c, String cloneId, int tablesTotal, List<String> warnings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pgclone.jobs SET phase = 'data', tables_total = ?,"
                + " warnings = ?, updated_at = clock_timestamp() WHERE clone_id = ?")) {
            ps.setInt(1, tablesTotal);
            ps.setArray(2, c.createArrayOf("text", warnings.toArray()));
            ps.setString(3, cloneId);
            ps.executeUpdate();
        }
    }

    static void addWarnings(Connection c, String cloneId, List<String> warnings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pgclone.jobs SET warnings = warnings || ?::text[]"
                + " WHERE clone_id = ?")) {
            ps.setArray(1, c.createArrayOf("text", warnings.toArray()));
            ps.setString(2, cloneId);
            ps.executeUpdate();
        }
    }

    /** A start-over: chunks of older generations forgotten, tables loading again, the job running from the data. */
    static void startOver(Connection c, String cloneId, int minGeneration) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM pgclone.chunks WHERE clone_id = ?"
                + " AND generation < ?");
             PreparedStatement tables = c.prepareStatement("UPDATE pgclone.tables SET status = 'loading',"
                     + " finished_at = NULL WHERE clone_id = ? AND NOT skipped");
             PreparedStatement job = c.prepareStatement("UPDATE pgclone.jobs SET min_generation = ?,"
                     + " status = 'running', phase = 'data', finished_at = NULL, message = NULL WHERE clone_id = ?")) {
            del.setString(1, cloneId);
            del.setInt(2, minGeneration);
            del.executeUpdate();
            tables.setString(1, cloneId);
            tables.executeUpdate();
            job.setInt(1, minGeneration);
            job.setString(2, cloneId);
            job.executeUpdate();
        }
        PostDataQueue.requeueDataDependent(c, cloneId);
    }

    /** Loaded tables with no post-data left are done; so are jobs whose tables are all done with nothing pending. */
    static int markDone(Connection c, String connector) throws SQLException {
        try (PreparedStatement tables = c.prepareStatement("UPDATE pgclone.tables t SET status = 'done',"
                + " finished_at = clock_timestamp() WHERE t.status = 'loaded' AND NOT EXISTS (SELECT 1 FROM pgclone.post_data p"
                + "  WHERE p.clone_id = t.clone_id AND t.topic = ANY (p.needs_topics) AND p.status NOT IN ('done', 'skipped'))"
                + " AND t.clone_id IN (SELECT clone_id FROM pgclone.jobs WHERE sink_connector = ?)");
             PreparedStatement jobs = c.prepareStatement("UPDATE pgclone.jobs j SET status = 'done', phase = 'done',"
                    + " finished_at = clock_timestamp(), updated_at = clock_timestamp(),"
                    + " snapshot_consistent = (SELECT count(DISTINCT generation) <= 1 FROM pgclone.chunks c"
                    + "   WHERE c.clone_id = j.clone_id)"
                    + " WHERE j.status = 'running' AND j.phase = 'data' AND j.sink_connector = ?"
                    + " AND NOT EXISTS (SELECT 1 FROM pgclone.tables t WHERE t.clone_id = j.clone_id AND t.status <> 'done')"
                    + " AND NOT EXISTS (SELECT 1 FROM pgclone.post_data p WHERE p.clone_id = j.clone_id"
                    + "   AND p.status NOT IN ('done', 'skipped'))")) {
            tables.setString(1, connector);
            tables.executeUpdate();
            jobs.setString(1, connector);
            return jobs.executeUpdate();
        }
    }

    // ---- tables

    /** Where one topic's rows go: the target name, the chunks to expect, whether the table is left as it was. */
    record Registration(String topic, String sourceSchema, String sourceName, QualifiedName target, int chunks,
                        long rowEstimate, String definitionJson, boolean skipped) {
    }

    /**
     * Registers a clone's tables, each with the OID of the table the clone created (none for a skipped one): a
     * start-over empties only those very tables.
     */
    static void registerTables(Connection c, String cloneId, List<Registration> tables) throws SQLException {
        try (PreparedStatement reg = c.prepareStatement("INSERT INTO pgclone.tables (clone_id, topic, source_schema,"
                + " source_name, target_schema, target_name, chunks_total, row_estimate, status, definition, skipped,"
                + " created_oid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?,"
                + " CASE WHEN ? THEN NULL ELSE to_regclass(quote_ident(?) || '.' || quote_ident(?))::oid END)")) {
            for (Registration r : tables) {
                reg.setString(1, cloneId);
                reg.setString(2, r.topic());
                reg.setString(3, r.sourceSchema());
                reg.setString(4, r.sourceName());
                reg.setString(5, r.target().schema());
                reg.setString(6, r.target().name());
                reg.setInt(7, r.skipped() ? 0 : r.chunks());
                reg.setLong(8, r.rowEstimate());
                reg.setString(9, r.skipped() ? "done" : "loading");
                reg.setString(10, r.definitionJson());
                reg.setBoolean(11, r.skipped());
                reg.setBoolean(12, r.skipped());
                reg.setString(13, r.target().schema());
                reg.setString(14, r.target().name());
                reg.addBatch();
            }
            reg.executeBatch();
        }
    }

    /** A later generation may split a grown table into more chunks. */
    static void updateChunkCounts(Connection c, Manifest m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pgclone.tables SET chunks_total = ?"
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

    /** The source schema and name of a registered topic. */
    static QualifiedName sourceName(Connection c, String cloneId, String topic) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT source_schema, source_name FROM pgclone.tables"
                + " WHERE clone_id = ? AND topic = ?")) {
            ps.setString(1, cloneId);
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ConnectException("clone " + cloneId + ": topic " + topic + " is not registered");
                }
                return new QualifiedName(rs.getString(1), rs.getString(2));
            }
        }
    }

    /** Tables whose every chunk is committed are loaded. */
    static void markLoaded(Connection c, String connector) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pgclone.tables t SET status = 'loaded'"
                + " WHERE t.status = 'loading' AND t.chunks_total <= (SELECT count(*) FROM pgclone.chunks c"
                + "  WHERE c.clone_id = t.clone_id AND c.topic = t.topic AND c.chunk < t.chunks_total)"
                + " AND t.clone_id IN (SELECT clone_id FROM pgclone.jobs WHERE sink_connector = ?)")) {
            ps.setString(1, connector);
            ps.executeUpdate();
        }
    }
}
