package io.pgclone.source;

import io.pgclone.core.ConfigErrors;
import io.pgclone.core.ConverterCheck;
import io.pgclone.core.ErrorTolerance;
import io.pgclone.core.Version;
import io.pgclone.core.catalog.Catalog;
import io.pgclone.core.catalog.CatalogReader;
import io.pgclone.core.catalog.ColumnSelection;
import io.pgclone.core.catalog.Scope;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.ConnectionConfig;
import io.pgclone.core.conn.ConnectionProblem;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.options.RecordFormat;
import io.pgclone.core.preflight.Check;
import io.pgclone.core.preflight.SourceChecks;
import io.pgclone.core.protocol.ChunkPlan;
import io.pgclone.core.protocol.SourceOffsets;
import io.pgclone.core.protocol.Topics;
import io.pgclone.source.PgCloneSourceTaskConfig.ChunkRef;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Clones tables from a PostgreSQL source into Kafka. {@code start()} exports one snapshot and plans chunks;
 * tasks import the snapshot and stream chunks with COPY; the snapshot is held until every chunk is acknowledged.
 */
public class PgCloneSourceConnector extends SourceConnector {
    private static final Logger log = LoggerFactory.getLogger(PgCloneSourceConnector.class);
    private static final int MIN_SERVER_MAJOR = 14;

    private Map<String, String> props;
    private PgCloneSourceConfig config;
    private String cloneId;
    private String startedAt;
    private volatile Plan plan;
    private ScheduledExecutorService monitor;
    private TaskSessions taskSessions;
    /** When a task of the clone was last seen connected to the source (System.nanoTime()). */
    private long taskSeenAt;
    /** The snapshot was released because no task was running: a task that comes back gets a new one. */
    private boolean releasedIdle;

    /** The current generation's snapshot, tables and the chunks still to read. */
    private record Plan(SnapshotKeeper keeper, int generation, int minGeneration, List<TableDef> tables,
                        List<ChunkPlan> chunkPlans, List<ChunkAssigner.Work> pending) {
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public ConfigDef config() {
        return PgCloneSourceConfig.CONFIG_DEF;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return PgCloneSourceTask.class;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        // The sink loads exactly once without Kafka transactions; with them, aborted attempts are just invisible.
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public void start(Map<String, String> props) {
        String tolerance = ErrorTolerance.problem(props);
        if (tolerance != null) {
            throw new ConnectException(tolerance);
        }
        PgCloneSourceConfig.movedSettings(props).values().stream().findFirst().ifPresent(why -> {
            throw new ConnectException(why);
        });
        this.props = Map.copyOf(props);
        this.config = new PgCloneSourceConfig(props);
        this.cloneId = config.cloneId(props.get("name"));
        this.startedAt = Instant.now().toString();
        long t0 = System.nanoTime();
        Map<String, Object> prior = offsets().offset(SourceOffsets.clonePartition(cloneId));
        int priorGeneration = (int) SourceOffsets.longValue(prior, SourceOffsets.GENERATION);
        int minGeneration = Math.max(1, (int) SourceOffsets.longValue(prior, SourceOffsets.MIN_GENERATION));
        Plan p = newPlan(priorGeneration + 1, minGeneration);
        if (priorGeneration > 0 && !p.pending.isEmpty()) {
            p = snapshotLost(p, "the connector restarted");
        }
        this.plan = p;
        log.info("Clone {}: generation {} exported snapshot {} at LSN {}; {} tables, {} chunks to read ({} ms)",
                cloneId, plan.generation, plan.keeper.snapshotId(), plan.keeper.lsn(), plan.tables.size(),
                plan.pending.size(), (System.nanoTime() - t0) / 1_000_000);
        taskSessions = new TaskSessions(config.connection(), cloneId);
        taskSeenAt = System.nanoTime();
        monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pgclone-snapshot-monitor-" + cloneId);
            t.setDaemon(true);
            return t;
        });
        monitor.scheduleWithFixedDelay(this::checkProgress, 2, 2, TimeUnit.SECONDS);
    }

    /**
     * The snapshot of an unfinished clone is gone: go on under {@code p}'s new snapshot, fail, or start the clone
     * over under it, as {@code snapshot.lost} says.
     */
    private Plan snapshotLost(Plan p, String why) {
        return switch (config.snapshotLost()) {
            case FAIL -> {
                p.keeper.close();
                throw new ConnectException("clone " + cloneId + ": the snapshot was lost (" + why + ") with "
                        + p.pending.size() + " chunks still to read, and snapshot.lost=fail");
            }
            case RESTART -> {
                log.warn("Clone {}: the snapshot was lost ({}); starting over under snapshot {} (snapshot.lost=restart)",
                        cloneId, why, p.keeper.snapshotId());
                p.keeper.close();
                yield newPlan(p.generation, p.generation);
            }
            case CONTINUE -> {
                log.warn("Clone {}: the snapshot was lost ({}); reading the {} remaining chunks under snapshot {}:"
                        + " the clone is no longer snapshot-consistent", cloneId, why, p.pending.size(),
                        p.keeper.snapshotId());
                yield p;
            }
        };
    }

    private OffsetStorageReader offsets() {
        return context().offsetStorageReader();
    }

    private Plan newPlan(int generation, int minGeneration) {
        ConnInfo info = config.connection();
        SnapshotKeeper keeper;
        try {
            keeper = SnapshotKeeper.open(info, cloneId, config.lockTimeout());
        } catch (SQLException e) {
            throw new ConnectException(ConnectionProblem.diagnose(e, PgCloneSourceConfig.PREFIX, info,
                    config.connectionFromUrl()).message(), e);
        }
        try {
            Catalog catalog = ColumnSelection.apply(
                    new CatalogReader(keeper.connection()).read(config.scope()), config.keptColumns());
            if (generation == 1) {
                catalog.warnings().forEach(w -> log.warn("Clone {}: {}", cloneId, w));
            }
            List<TableDef> tables = catalog.tables();
            String collision = Topics.collision(config.topicPrefix(),
                    tables.stream().map(TableDef::name).toList());
            if (collision != null) {
                throw new ConnectException(collision);
            }
            keeper.lock(tables, PgCloneSourceConfig.LOCK_TIMEOUT_CONFIG);
            List<String> refused = RowFilters.problems(keeper.connection(), config.tableOptions());
            if (!refused.isEmpty()) {
                throw new ConnectException(refused.get(0) + " (check " + PgCloneSourceConfig.TABLE_OPTIONS_CONFIG + ")");
            }
            List<ChunkPlan> plans = new ArrayList<>();
            List<Map<String, Object>> partitions = new ArrayList<>();
            for (TableDef t : tables) {
                ChunkPlan p = t.holdsRows() && config.includeData() ? ChunkPlan.forTable(t.pages(), config.chunkPages())
                        : ChunkPlan.none(config.chunkPages());
                plans.add(p);
                for (int c = 0; c < p.chunks(); c++) {
                    partitions.add(SourceOffsets.chunkPartition(cloneId, t.name().toString(), c));
                }
            }
            Map<Map<String, Object>, Map<String, Object>> done = offsets().offsets(partitions);
            List<ChunkAssigner.Work> pending = new ArrayList<>();
            for (int ti = 0; ti < tables.size(); ti++) {
                TableDef t = tables.get(ti);
                ChunkPlan p = plans.get(ti);
                for (int c = 0; c < p.chunks(); c++) {
                    Map<String, Object> o = done.get(SourceOffsets.chunkPartition(cloneId, t.name().toString(), c));
                    if (SourceOffsets.isDone(o) && SourceOffsets.longValue(o, SourceOffsets.GENERATION) >= minGeneration) {
                        long pages = SourceOffsets.longValue(o, SourceOffsets.CHUNK_PAGES);
                        if (pages != config.chunkPages()) {
                            throw new ConnectException("chunk.pages changed from " + pages + " to "
                                    + config.chunkPages() + " while clone " + cloneId + " is in progress: restore it,"
                                    + " or start a new clone with another clone.id");
                        }
                    } else {
                        pending.add(new ChunkAssigner.Work(new ChunkRef(ti, c), p.pagesOf(c, t.pages())));
                    }
                }
            }
            return new Plan(keeper, generation, minGeneration, tables, plans, pending);
        } catch (SQLException e) {
            keeper.close();
            if (e instanceof CatalogReader.MissingTableException m) {
                throw new ConnectException(m.getMessage() + " (check " + PgCloneSourceConfig.TABLES_CONFIG + ")", e);
            }
            if (e instanceof CatalogReader.MissingSchemaException m) {
                throw new ConnectException(m.getMessage() + " (check " + PgCloneSourceConfig.SCHEMAS_CONFIG + ")", e);
            }
            throw new ConnectException("cannot plan clone " + cloneId + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            keeper.close();
            throw e;
        }
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        Plan p = plan;
        List<List<ChunkRef>> perTask = ChunkAssigner.assign(p.pending, maxTasks);
        StringJoiner counts = new StringJoiner(",");
        for (ChunkPlan cp : p.chunkPlans) {
            counts.add(Integer.toString(cp.chunks()));
        }
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < perTask.size(); i++) {
            Map<String, String> c = new HashMap<>(props);
            c.put(PgCloneSourceTaskConfig.TASK_ID, Integer.toString(i));
            c.put(PgCloneSourceTaskConfig.TASK_CLONE_ID, cloneId);
            c.put(PgCloneSourceTaskConfig.TASK_SNAPSHOT, p.keeper.snapshotId());
            c.put(PgCloneSourceTaskConfig.TASK_LSN, p.keeper.lsn());
            c.put(PgCloneSourceTaskConfig.TASK_GENERATION, Integer.toString(p.generation));
            c.put(PgCloneSourceTaskConfig.TASK_MIN_GENERATION, Integer.toString(p.minGeneration));
            c.put(PgCloneSourceTaskConfig.TASK_STARTED_AT, startedAt);
            c.put(PgCloneSourceTaskConfig.TASK_CHUNK_COUNTS, counts.toString());
            c.put(PgCloneSourceTaskConfig.TASK_TABLES, PgCloneSourceTaskConfig.encodeTables(p.tables));
            c.put(PgCloneSourceTaskConfig.TASK_CHUNKS, PgCloneSourceTaskConfig.encodeChunks(perTask.get(i)));
            configs.add(c);
        }
        return configs;
    }

    /** Releases the snapshot once every chunk is done; takes a new one if the old one was lost. */
    private void checkProgress() {
        try {
            Plan p = plan;
            if (p == null || p.keeper.connection().isClosed()) {
                if (p != null && releasedIdle && taskSessions.anyConnected()) {
                    releasedIdle = false;
                    taskSeenAt = System.nanoTime();
                    plan = snapshotLost(newPlan(p.generation + 1, p.minGeneration), "it was released while no task ran");
                    context().requestTaskReconfiguration();
                }
                return;
            }
            List<Map<String, Object>> parts = new ArrayList<>();
            for (ChunkAssigner.Work w : p.pending) {
                parts.add(SourceOffsets.chunkPartition(cloneId, p.tables.get(w.chunk().table()).name().toString(),
                        w.chunk().chunk()));
            }
            boolean allDone;
            try {
                allDone = offsets().offsets(parts).values().stream().allMatch(SourceOffsets::isDone);
            } catch (ConnectException e) {
                log.warn("Clone {}: cannot read offsets now ({}); trying again", cloneId, e.getMessage());
                return; // the broker may be restarting
            }
            if (allDone) {
                log.info("Clone {}: every chunk is acknowledged; releasing snapshot {}", cloneId, p.keeper.snapshotId());
                p.keeper.close();
            } else if (!p.keeper.isAlive()) {
                p.keeper.close();
                plan = snapshotLost(newPlan(p.generation + 1, p.minGeneration), "its connection broke");
                context().requestTaskReconfiguration();
            } else {
                releaseIfNoTaskRuns(p);
            }
        } catch (RuntimeException | SQLException e) {
            log.error("Clone {}: progress check failed", cloneId, e);
            context().raiseError(e instanceof RuntimeException r ? r : new ConnectException(e));
        }
    }

    /**
     * An open snapshot holds back vacuum on the source: when no task of the clone has been connected for
     * {@code snapshot.idle.timeout.ms} (they failed, or were stopped), it is released.
     */
    private void releaseIfNoTaskRuns(Plan p) throws SQLException {
        Duration timeout = config.snapshotIdleTimeout();
        if (timeout.isZero()) {
            return;
        }
        long now = System.nanoTime();
        if (taskSessions.anyConnected()) {
            taskSeenAt = now;
        } else if (now - taskSeenAt > timeout.toNanos()) {
            log.warn("Clone {}: no task has been connected to the source for {} s ({}); releasing snapshot {} so that it"
                    + " does not hold back vacuum. When a task runs again a new snapshot is taken (snapshot.lost={})",
                    cloneId, timeout.toSeconds(), PgCloneSourceConfig.SNAPSHOT_IDLE_TIMEOUT_CONFIG,
                    p.keeper.snapshotId(), config.snapshotLost());
            releasedIdle = true;
            p.keeper.close();
        }
    }

    @Override
    public void stop() {
        if (monitor != null) {
            monitor.shutdownNow();
        }
        if (taskSessions != null) {
            taskSessions.close();
        }
        Plan p = plan;
        if (p != null) {
            p.keeper.close();
        }
    }

    /** Field checks first; then, only if they pass, live checks against the source, attached to the culprit. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        String tolerance = ErrorTolerance.problem(connectorConfigs);
        if (tolerance != null) {
            ConfigErrors.attach(result, ErrorTolerance.KEY, tolerance);
        }
        ConverterCheck.Problem converter = ConverterCheck.problem(connectorConfigs,
                PgCloneSourceConfig.recordFormat(connectorConfigs) == RecordFormat.COPY);
        if (converter != null) {
            ConfigErrors.attach(result, converter.setting(), converter.message());
        }
        PgCloneSourceConfig.movedSettings(connectorConfigs).forEach((key, why) -> ConfigErrors.attach(result, key, why));
        if (ConfigErrors.hasErrors(result)) {
            return result;
        }
        PgCloneSourceConfig c;
        ConnInfo info;
        try {
            c = new PgCloneSourceConfig(connectorConfigs);
            String transforms = connectorConfigs.get("transforms");
            if (c.copyFormat() && transforms != null && !transforms.isBlank()) {
                ConfigErrors.attach(result, PgCloneSourceConfig.RECORD_FORMAT_CONFIG, "record.format=copy carries raw"
                        + " COPY text that transforms cannot read (transforms: " + transforms + "); use record.format=typed");
                return result;
            }
            info = c.connection();
        } catch (ConfigException e) {
            ConfigErrors.attach(result, ConfigErrors.keyOf(e, PgCloneSourceConfig.PREFIX + "host"), e.getMessage());
            return result;
        }
        try (Connection conn = PgConnections.openSource(info, "pgclone validate", c.lockTimeout())) {
            int major = PgConnections.majorVersion(conn);
            if (major < MIN_SERVER_MAJOR) {
                ConfigErrors.attach(result, c.connectionFromUrl() ? "source.url" : "source.host", "the source runs PostgreSQL "
                        + major + "; 14 or newer is required (TID range scans)");
                return result;
            }
            Scope scope;
            try {
                scope = c.scope();
            } catch (ConfigException e) {
                ConfigErrors.attach(result, ConfigErrors.keyOf(e, PgCloneSourceConfig.TABLES_CONFIG), e.getMessage());
                return result;
            }
            try {
                if (!scope.wholeSchemas()) { // a table another session holds exclusively is named, not waited for
                    SnapshotKeeper.lock(conn, scope.tables(), PgCloneSourceConfig.LOCK_TIMEOUT_CONFIG);
                }
                CatalogReader reader = new CatalogReader(conn);
                List<TableDef> tables = new ArrayList<>();
                if (scope.wholeSchemas()) {
                    for (String s : scope.schemas()) {
                        tables.addAll(reader.read(new Scope(List.of(), List.of(s), false, false,
                                false, false, false, false, false, false)).tables());
                    }
                } else {
                    tables.addAll(reader.tables(scope.tables()));
                }
                // pgclone preflight's source checks (rights in schema scopes, snapshot export): what a run would fail on
                for (Check check : SourceChecks.run(conn, tables,
                        PgCloneSourceConfig.PREFIX + ConnectionConfig.USER)) {
                    if (check.level() == Check.Level.FAIL) {
                        ConfigErrors.attach(result, check.setting(), check.message());
                    }
                }
                if (ConfigErrors.hasErrors(result)) {
                    return result;
                }
                OptionChecks checks = new OptionChecks(conn, c, scope, connectorConfigs, result);
                checks.topicNames();
                checks.tableOptions();
                if (!ConfigErrors.hasErrors(result)) {
                    checks.masks();
                }

            } finally {
                conn.rollback();
            }
        } catch (SnapshotKeeper.NotReadable e) {
            ConfigErrors.attach(result, PgCloneSourceConfig.PREFIX + ConnectionConfig.USER, e.getMessage());
        } catch (ConnectException e) { // a lock that could not be had
            ConfigErrors.attach(result, PgCloneSourceConfig.TABLES_CONFIG, e.getMessage());
        } catch (CatalogReader.MissingTableException e) {
            ConfigErrors.attach(result, PgCloneSourceConfig.TABLES_CONFIG, e.getMessage());
        } catch (CatalogReader.MissingSchemaException e) {
            ConfigErrors.attach(result, PgCloneSourceConfig.SCHEMAS_CONFIG, e.getMessage());
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                ConfigErrors.attach(result, PgCloneSourceConfig.LOCK_TIMEOUT_CONFIG, "an object of the clone is locked"
                        + " by another session longer than " + PgCloneSourceConfig.LOCK_TIMEOUT_CONFIG + " allows: "
                        + e.getMessage());
                return result;
            }
            ConnectionProblem p = ConnectionProblem.diagnose(e, PgCloneSourceConfig.PREFIX, info, c.connectionFromUrl());
            ConfigErrors.attach(result, p.setting(), p.message());
        }
        return result;
    }
}
