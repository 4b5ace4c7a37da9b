package io.pgclone.source;

import io.pgclone.core.catalog.Scope;
import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.ConnectionConfig;
import io.pgclone.core.mask.HashKey;
import io.pgclone.core.mask.MaskValidators;
import io.pgclone.core.options.RecordFormat;
import io.pgclone.core.options.SettingEnums;
import io.pgclone.core.options.SettingLists;
import io.pgclone.core.options.SnapshotLost;
import io.pgclone.core.options.TableOptions;
import io.pgclone.core.protocol.Topics;
import io.pgclone.core.sql.QualifiedName;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Settings of the source connector. Field checks live in validators; live checks in the connector's validate(). */
public class PgCloneSourceConfig extends AbstractConfig {
    public static final String PREFIX = "source.";
    private static final String CONNECTION_GROUP = "Source connection";
    private static final String CLONE_GROUP = "Clone";
    private static final String TUNING_GROUP = "Tuning";

    public static final String CLONE_ID_CONFIG = "clone.id";
    private static final String CLONE_ID_DOC = "Identifies this clone in offsets, record headers and the target's "
            + "pgclone.jobs table. Defaults to the connector name. A new id starts a new clone; the same id resumes.";

    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    private static final String TOPIC_PREFIX_DOC = "Prefix of the data topics (<prefix>.<schema>.<table>) and of the "
            + "control topic (<prefix>._control). The sink connector must use the same prefix.";
    public static final String TOPIC_PREFIX_DEFAULT = "pgclone";

    public static final String TABLES_CONFIG = "tables";
    private static final String TABLES_DOC = "Tables to clone, comma-separated, as schema.table (a bare name means "
            + "schema public; double-quote names with upper case or special characters), with the types, sequences and"
            + " functions they need. Set this or schemas.";

    public static final String SCHEMAS_CONFIG = "schemas";
    private static final String SCHEMAS_DOC = "Schemas to clone whole (every table, view, materialized view, sequence,"
            + " type and function, then their constraints, indexes and triggers), comma-separated; '*' for every user"
            + " schema of the database. Set this or tables.";

    public static final String INCLUDE_DATA_CONFIG = "include.data";
    public static final String FUNCTIONS_ONLY_CONFIG = "functions.only";
    public static final String INDEXES_CONFIG = "indexes";
    public static final String CONSTRAINTS_CONFIG = "constraints";
    public static final String TRIGGERS_CONFIG = "triggers";
    public static final String MATVIEWS_CONFIG = "matviews";
    public static final String OWNERS_CONFIG = "owners";
    public static final String GRANTS_CONFIG = "grants";
    /** Settings that moved to the sink connector: each target decides its own conflicts and names. */
    public static final List<String> MOVED_TO_SINK = List.of("conflict", "rename.schemas", "rename.tables");

    public static final String TABLE_OPTIONS_CONFIG = "table.options";
    private static final String TABLE_OPTIONS_DOC = "pgclone's per-table options that change what is read, as JSON:"
            + " {\"schema.table\": {\"columns\": [\"id\", \"email\"], \"where\": \"active AND region = 'eu'\"}}."
            + " Both go into the COPY query, so left-out rows and columns are never read; the target gets only the kept"
            + " columns, and indexes or constraints needing another column are left out with a warning. where is one"
            + " SQL expression over the table (no semicolon outside a string, no parameter); the source server checks,"
            + " in validate and before every read, that it parses over the table, calls only IMMUTABLE or STABLE,"
            + " PARALLEL SAFE functions and reads no other relation. Reads run READ ONLY. Masks go in mask and masks.";

    public static final String MASK_CONFIG = "mask";
    private static final String MASK_DOC = "pgclone's mask option, for every table of the clone: a JSON object of"
            + " column: strategy, e.g. {\"email\": \"email\", \"salary\": {\"type\": \"random_int\", \"min\": 1,"
            + " \"max\": 9}}. Strategies: email, name, phone (keep_last), partial (prefix, suffix), hash, null,"
            + " random_int (min, max), constant (value). Applied by the source server inside the COPY query, so the"
            + " original values never leave it, with either record.format (see docs/masking.md); the same definitions"
            + " as the io.pgclone.transforms.Mask transform, which other pipelines can use instead.";
    public static final String MASKS_CONFIG = "masks";
    private static final String MASKS_DOC = "Masks by table, as 'pgclone discover' prints them: {\"table\": {column:"
            + " strategy}}. A bare table name applies in every schema; schema.table in that one only. Table masks add"
            + " to, and override, the mask setting.";
    public static final String MASK_HASH_KEY_CONFIG = "mask.hash.key";
    private static final String MASK_HASH_KEY_DOC = "Secret key of the hash strategy: with it, hash is HMAC-SHA256"
            + " (first 32 hex characters), which a dictionary of likely values cannot reverse. Use a config provider,"
            + " e.g. ${file:/etc/pgclone/secrets.properties:mask.key}; it reaches the source server as bind parameters"
            + " only, never in a statement's text. An empty key or an unresolved reference is refused. Without it,"
            + " hash is pgclone's MD5.";

    public static final String BATCH_SIZE_CONFIG = "batch.size";
    private static final String BATCH_SIZE_DOC = "Rows handed to Connect per poll() call.";
    public static final int BATCH_SIZE_DEFAULT = 4000;

    public static final String CHUNK_PAGES_CONFIG = "chunk.pages";
    private static final String CHUNK_PAGES_DOC = "Heap pages (8 KiB each) per chunk. Tables larger than this are "
            + "split into TID ranges read in parallel by the tasks. Must not change while a clone is in progress.";
    public static final long CHUNK_PAGES_DEFAULT = 16384; // 128 MiB

    public static final String TOPIC_PARTITIONS_CONFIG = "topic.partitions";
    private static final String TOPIC_PARTITIONS_DOC = "Partitions of each data topic; chunk n goes to partition "
            + "n mod this. Create the topics with at least this many partitions (topic.creation.default.partitions).";

    public static final String SNAPSHOT_LOST_CONFIG = "snapshot.lost";
    private static final String SNAPSHOT_LOST_DOC = "What to do when the exported snapshot is lost before every chunk is"
            + " read (the connector restarted, or the snapshot's connection broke): 'continue' reads the remaining"
            + " chunks under a new snapshot and marks the clone snapshot_consistent=false; 'fail' stops the connector;"
            + " 'restart' discards what was loaded and reads everything again under one new snapshot.";
    public static final String SNAPSHOT_LOST_DEFAULT = SettingEnums.setting(SnapshotLost.CONTINUE);

    public static final String RECORD_FORMAT_CONFIG = "record.format";
    private static final String RECORD_FORMAT_DOC = "'typed': one record per row, a struct of typed fields (for"
            + " consumers, masking and filters). 'copy': records of up to copy.batch.bytes of raw COPY text rows as"
            + " bytes, for the fastest exact clone; transforms cannot see their columns, so none may be configured."
            + " Use ByteArrayConverter for 'copy'.";
    public static final String COPY_BATCH_BYTES_CONFIG = "copy.batch.bytes";
    private static final String COPY_BATCH_BYTES_DOC = "With record.format=copy: bytes of COPY text per record"
            + " (a row larger than this is a record of its own).";

    public static final String LOCK_TIMEOUT_CONFIG = "lock.timeout.ms";
    private static final String LOCK_TIMEOUT_DOC = "How long the source waits for the ACCESS SHARE lock it takes on"
            + " every cloned table under the snapshot (as pg_dump's --lock-wait-timeout). The locks make a concurrent"
            + " DROP or TRUNCATE wait until the clone has read the table; a table that another session holds in ACCESS"
            + " EXCLUSIVE mode longer than this fails the clone, naming the table. 0 waits forever.";
    public static final long LOCK_TIMEOUT_DEFAULT = 30_000;
    public static final String SNAPSHOT_IDLE_TIMEOUT_CONFIG = "snapshot.idle.timeout.ms";
    private static final String SNAPSHOT_IDLE_TIMEOUT_DOC = "How long the connector keeps the clone's snapshot open"
            + " on the source while no task of the clone is connected (tasks failed, or were stopped): an open"
            + " snapshot holds back vacuum on the source. After this long it is released; when a task runs again, a"
            + " new snapshot is taken and snapshot.lost decides what happens to the clone. 0 keeps it for as long as"
            + " the connector runs.";
    public static final long SNAPSHOT_IDLE_TIMEOUT_DEFAULT = 600_000;

    public static final ConfigDef CONFIG_DEF = configDef();

    private static ConfigDef configDef() {
        ConfigDef def = ConnectionConfig.define(new ConfigDef(), PREFIX, "source", CONNECTION_GROUP);
        int order = 0;
        def.define(CLONE_ID_CONFIG, Type.STRING, null, (name, value) -> {
                    if (value != null && !((String) value).matches("[A-Za-z_][A-Za-z0-9._-]{0,199}")) {
                        throw new ConfigException(name, value, "start with a letter or '_', then letters, digits, '.', '_' or '-'");
                    }
                }, Importance.MEDIUM, CLONE_ID_DOC, CLONE_GROUP, ++order,
                        Width.MEDIUM, "Clone id")
                .define(TOPIC_PREFIX_CONFIG, Type.STRING, TOPIC_PREFIX_DEFAULT, topicPrefixValidator(),
                        Importance.HIGH, TOPIC_PREFIX_DOC, CLONE_GROUP, ++order, Width.MEDIUM, "Topic prefix")
                .define(TABLES_CONFIG, Type.STRING, "", tablesValidator(), Importance.HIGH,
                        TABLES_DOC, CLONE_GROUP, ++order, Width.LONG, "Tables")
                .define(SCHEMAS_CONFIG, Type.STRING, "", namesValidator(), Importance.HIGH, SCHEMAS_DOC, CLONE_GROUP, ++order, Width.LONG,
                        "Schemas")
                .define(INCLUDE_DATA_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, "Copy the rows; false clones the"
                        + " structure only.", CLONE_GROUP, ++order, Width.SHORT, "Include data")
                .define(FUNCTIONS_ONLY_CONFIG, Type.BOOLEAN, false, Importance.LOW, "Clone only the functions and"
                        + " procedures of the schemas.", CLONE_GROUP, ++order, Width.SHORT, "Functions only")
                .define(INDEXES_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, "Clone indexes.", CLONE_GROUP, ++order,
                        Width.SHORT, "Indexes")
                .define(CONSTRAINTS_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, "Clone primary key, unique, check,"
                        + " foreign key and exclusion constraints.", CLONE_GROUP, ++order, Width.SHORT, "Constraints")
                .define(TRIGGERS_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, "Clone triggers.", CLONE_GROUP, ++order,
                        Width.SHORT, "Triggers")
                .define(MATVIEWS_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, "Clone materialized views with their"
                        + " indexes and data.", CLONE_GROUP, ++order, Width.SHORT, "Materialized views")
                .define(OWNERS_CONFIG, Type.BOOLEAN, true, Importance.LOW, "Give objects the owners they have on the"
                        + " source (roles missing on the target are skipped with a warning).", CLONE_GROUP, ++order,
                        Width.SHORT, "Owners")
                .define(GRANTS_CONFIG, Type.BOOLEAN, true, Importance.LOW, "Grant privileges as on the source.",
                        CLONE_GROUP, ++order, Width.SHORT, "Grants")
                .define(TABLE_OPTIONS_CONFIG, Type.STRING, "", (name, value) -> {
                    try {
                        TableOptions.parse((String) value);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(name, value, e.getMessage());
                    }
                }, Importance.MEDIUM, TABLE_OPTIONS_DOC, CLONE_GROUP, ++order, Width.LONG, "Table options")
                .define(MASK_CONFIG, Type.STRING, "", MaskValidators.json(false), Importance.HIGH, MASK_DOC, CLONE_GROUP,
                        ++order, Width.LONG, "Masks for every table")
                .define(MASKS_CONFIG, Type.STRING, "", MaskValidators.json(true), Importance.HIGH, MASKS_DOC, CLONE_GROUP,
                        ++order, Width.LONG, "Masks by table")
                .define(MASK_HASH_KEY_CONFIG, Type.PASSWORD, null, MaskValidators.hashKey(),
                        Importance.MEDIUM, MASK_HASH_KEY_DOC, CLONE_GROUP, ++order, Width.MEDIUM, "Hash key")
                .define(SNAPSHOT_LOST_CONFIG, Type.STRING, SNAPSHOT_LOST_DEFAULT,
                        ConfigDef.ValidString.in(SettingEnums.settings(SnapshotLost.class)), Importance.MEDIUM, SNAPSHOT_LOST_DOC,
                        CLONE_GROUP, ++order, Width.SHORT, "When the snapshot is lost")
                .define(LOCK_TIMEOUT_CONFIG, Type.LONG, LOCK_TIMEOUT_DEFAULT, ConfigDef.Range.between(0, 86_400_000),
                        Importance.LOW, LOCK_TIMEOUT_DOC, CLONE_GROUP, ++order, Width.SHORT, "Lock timeout")
                .define(SNAPSHOT_IDLE_TIMEOUT_CONFIG, Type.LONG, SNAPSHOT_IDLE_TIMEOUT_DEFAULT,
                        ConfigDef.Range.between(0, 7 * 86_400_000L), Importance.LOW, SNAPSHOT_IDLE_TIMEOUT_DOC,
                        CLONE_GROUP, ++order, Width.SHORT, "Snapshot idle timeout");
        order = 0;
        def.define(BATCH_SIZE_CONFIG, Type.INT, BATCH_SIZE_DEFAULT, ConfigDef.Range.between(1, 1_000_000),
                        Importance.LOW, BATCH_SIZE_DOC, TUNING_GROUP, ++order, Width.SHORT, "Batch size")
                .define(CHUNK_PAGES_CONFIG, Type.LONG, CHUNK_PAGES_DEFAULT, ConfigDef.Range.atLeast(1),
                        Importance.MEDIUM, CHUNK_PAGES_DOC, TUNING_GROUP, ++order, Width.SHORT, "Chunk pages")
                .define(TOPIC_PARTITIONS_CONFIG, Type.INT, 1, ConfigDef.Range.between(1, 10_000), Importance.LOW,
                        TOPIC_PARTITIONS_DOC, TUNING_GROUP, ++order, Width.SHORT, "Topic partitions")
                .define(RECORD_FORMAT_CONFIG, Type.STRING, SettingEnums.setting(RecordFormat.TYPED),
                        ConfigDef.ValidString.in(SettingEnums.settings(RecordFormat.class)),
                        Importance.MEDIUM, RECORD_FORMAT_DOC, TUNING_GROUP, ++order, Width.SHORT, "Record format")
                .define(COPY_BATCH_BYTES_CONFIG, Type.INT, 256 * 1024, ConfigDef.Range.between(1024, 64 << 20),
                        Importance.LOW, COPY_BATCH_BYTES_DOC, TUNING_GROUP, ++order, Width.SHORT, "COPY batch bytes");
        return def;
    }

    private static ConfigDef.Validator topicPrefixValidator() {
        return (name, value) -> {
            String problem = Topics.prefixProblem((String) value);
            if (problem != null) {
                throw new ConfigException(name, value, problem);
            }
        };
    }

    private static ConfigDef.Validator tablesValidator() {
        return (name, value) -> {
            List<String> tables;
            try {
                tables = SettingLists.split((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
            for (String t : tables) {
                try {
                    QualifiedName.parse(t);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, t, e.getMessage());
                }
            }
        };
    }

    private static ConfigDef.Validator namesValidator() {
        return (name, value) -> {
            try {
                SettingLists.split((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        };
    }

    public PgCloneSourceConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    protected PgCloneSourceConfig(ConfigDef def, Map<?, ?> props) {
        super(def, props);
    }

    public ConnInfo connection() {
        return ConnectionConfig.from(this, PREFIX);
    }

    /** Whether the connection came from {@code source.url} (for naming the setting in errors). */
    public boolean connectionFromUrl() {
        return ConnectionConfig.fromUrl(this, PREFIX);
    }

    public String cloneId(String connectorName) {
        String id = getString(CLONE_ID_CONFIG);
        return id != null && !id.isBlank() ? id : connectorName;
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX_CONFIG);
    }

    /** The tables, deduplicated and sorted by schema then name: the order every task agrees on. */
    public List<QualifiedName> tables() {
        TreeSet<QualifiedName> set = new TreeSet<>((a, b) -> a.schema().equals(b.schema())
                ? a.name().compareTo(b.name()) : a.schema().compareTo(b.schema()));
        for (String t : SettingLists.split(getString(TABLES_CONFIG))) {
            set.add(QualifiedName.parse(t));
        }
        return new ArrayList<>(set);
    }

    /** Schema names as written; one wholly double-quoted (to hold a comma) is unquoted. */
    public List<String> schemas() {
        return SettingLists.split(getString(SCHEMAS_CONFIG)).stream()
                .map(n -> n.length() > 1 && n.startsWith("\"") && n.endsWith("\"")
                        ? n.substring(1, n.length() - 1).replace("\"\"", "\"") : n)
                .toList();
    }

    /** What the clone covers; {@link ConfigException} when neither tables nor schemas are set. */
    public Scope scope() {
        List<String> schemas = schemas();
        boolean all = schemas.contains("*");
        if (tables().isEmpty() && schemas.isEmpty()) {
            throw new ConfigException(TABLES_CONFIG, "", "set tables (a table scope) or schemas (a schema or database scope)");
        }
        if (!tables().isEmpty() && !schemas.isEmpty()) {
            throw new ConfigException(SCHEMAS_CONFIG, String.join(",", schemas), "set either tables or schemas, not both");
        }
        return new Scope(tables(), all ? List.of() : schemas, all, getBoolean(FUNCTIONS_ONLY_CONFIG),
                getBoolean(INDEXES_CONFIG), getBoolean(CONSTRAINTS_CONFIG), getBoolean(TRIGGERS_CONFIG),
                getBoolean(MATVIEWS_CONFIG), getBoolean(OWNERS_CONFIG), getBoolean(GRANTS_CONFIG));
    }

    /** A one-line error for each setting that moved to the sink connector, by setting. */
    public static Map<String, String> movedSettings(Map<String, String> props) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : MOVED_TO_SINK) {
            if (props.containsKey(key)) {
                out.put(key, key + " is a setting of the sink connector (each target decides its own conflicts and"
                        + " names): move it from the source connector's config to the sink's");
            }
        }
        return out;
    }

    /** The record format a config asks for, before it is validated (an unknown value counts as typed). */
    public static RecordFormat recordFormat(Map<String, String> props) {
        String v = props.get(RECORD_FORMAT_CONFIG);
        return v != null && v.strip().equals(SettingEnums.setting(RecordFormat.COPY)) ? RecordFormat.COPY : RecordFormat.TYPED;
    }

    public boolean includeData() {
        return getBoolean(INCLUDE_DATA_CONFIG) && !getBoolean(FUNCTIONS_ONLY_CONFIG);
    }

    /** columns and where per table (none when the setting is empty). */
    public Map<QualifiedName, TableOptions> tableOptions() {
        return TableOptions.parse(getString(TABLE_OPTIONS_CONFIG));
    }

    /** The kept columns of the tables that have a columns option. */
    public Map<QualifiedName, List<String>> keptColumns() {
        Map<QualifiedName, List<String>> out = new HashMap<>();
        tableOptions().forEach((t, o) -> {
            if (o.columns() != null) {
                out.put(t, o.columns());
            }
        });
        return out;
    }

    /** The wait for each table's lock on the source (zero: forever). */
    /** The masks the source applies in its COPY query (see {@link SourceMasks}). */
    public SourceMasks masks() {
        Password key = getPassword(MASK_HASH_KEY_CONFIG);
        return SourceMasks.of(getString(MASK_CONFIG), getString(MASKS_CONFIG),
                HashKey.fromSetting(MASK_HASH_KEY_CONFIG, key == null ? null : key.value()));
    }

    public Duration lockTimeout() {
        return Duration.ofMillis(getLong(LOCK_TIMEOUT_CONFIG));
    }

    /** Zero when the snapshot is kept for as long as the connector runs. */
    public Duration snapshotIdleTimeout() {
        return Duration.ofMillis(getLong(SNAPSHOT_IDLE_TIMEOUT_CONFIG));
    }

    public int batchSize() {
        return getInt(BATCH_SIZE_CONFIG);
    }

    public long chunkPages() {
        return getLong(CHUNK_PAGES_CONFIG);
    }

    public SnapshotLost snapshotLost() {
        return SettingEnums.parse(SnapshotLost.class, getString(SNAPSHOT_LOST_CONFIG));
    }

    public boolean copyFormat() {
        return recordFormat(originalsStrings()) == RecordFormat.COPY;
    }

    public int copyBatchBytes() {
        return getInt(COPY_BATCH_BYTES_CONFIG);
    }

    public int topicPartitions() {
        return getInt(TOPIC_PARTITIONS_CONFIG);
    }
}
