package io.pgclone.source;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.ConnectionConfig;
import io.pgclone.core.protocol.Topics;
import io.pgclone.core.sql.QualifiedName;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.util.ArrayList;
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
            + "schema public; double-quote names with upper case or special characters).";

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
    public static final String SNAPSHOT_LOST_DEFAULT = "continue";

    public static final String RECORD_FORMAT_CONFIG = "record.format";
    private static final String RECORD_FORMAT_DOC = "'typed': one record per row, a struct of typed fields (for"
            + " consumers, masking and filters). 'copy': records of up to copy.batch.bytes of raw COPY text rows as"
            + " bytes, for the fastest exact clone; transforms cannot see their columns, so none may be configured."
            + " Use ByteArrayConverter for 'copy'.";
    public static final String COPY_BATCH_BYTES_CONFIG = "copy.batch.bytes";
    private static final String COPY_BATCH_BYTES_DOC = "With record.format=copy: bytes of COPY text per record"
            + " (a row larger than this is a record of its own).";

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
                .define(TABLES_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, tablesValidator(), Importance.HIGH,
                        TABLES_DOC, CLONE_GROUP, ++order, Width.LONG, "Tables")
                .define(SNAPSHOT_LOST_CONFIG, Type.STRING, SNAPSHOT_LOST_DEFAULT,
                        ConfigDef.ValidString.in("continue", "fail", "restart"), Importance.MEDIUM, SNAPSHOT_LOST_DOC,
                        CLONE_GROUP, ++order, Width.SHORT, "When the snapshot is lost");
        order = 0;
        def.define(BATCH_SIZE_CONFIG, Type.INT, BATCH_SIZE_DEFAULT, ConfigDef.Range.between(1, 1_000_000),
                        Importance.LOW, BATCH_SIZE_DOC, TUNING_GROUP, ++order, Width.SHORT, "Batch size")
                .define(CHUNK_PAGES_CONFIG, Type.LONG, CHUNK_PAGES_DEFAULT, ConfigDef.Range.atLeast(1),
                        Importance.MEDIUM, CHUNK_PAGES_DOC, TUNING_GROUP, ++order, Width.SHORT, "Chunk pages")
                .define(TOPIC_PARTITIONS_CONFIG, Type.INT, 1, ConfigDef.Range.between(1, 10_000), Importance.LOW,
                        TOPIC_PARTITIONS_DOC, TUNING_GROUP, ++order, Width.SHORT, "Topic partitions")
                .define(RECORD_FORMAT_CONFIG, Type.STRING, "typed", ConfigDef.ValidString.in("typed", "copy"),
                        Importance.MEDIUM, RECORD_FORMAT_DOC, TUNING_GROUP, ++order, Width.SHORT, "Record format")
                .define(COPY_BATCH_BYTES_CONFIG, Type.INT, 512 * 1024, ConfigDef.Range.between(1024, 64 << 20),
                        Importance.LOW, COPY_BATCH_BYTES_DOC, TUNING_GROUP, ++order, Width.SHORT, "COPY batch bytes");
        return def;
    }

    private static ConfigDef.Validator topicPrefixValidator() {
        return (name, value) -> {
            if (!Topics.isValidPrefix((String) value)) {
                throw new ConfigException(name, value, "use letters, digits, '.', '_' and '-' only");
            }
        };
    }

    private static ConfigDef.Validator tablesValidator() {
        return (name, value) -> {
            @SuppressWarnings("unchecked")
            List<String> tables = (List<String>) value;
            if (tables == null || tables.isEmpty()) {
                throw new ConfigException(name, value, "name at least one table");
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
        String url = getString(PREFIX + ConnectionConfig.URL);
        return url != null && !url.isBlank() && getString(PREFIX + ConnectionConfig.HOST) == null;
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
        for (String t : getList(TABLES_CONFIG)) {
            set.add(QualifiedName.parse(t));
        }
        return new ArrayList<>(set);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE_CONFIG);
    }

    public long chunkPages() {
        return getLong(CHUNK_PAGES_CONFIG);
    }

    public String snapshotLost() {
        return getString(SNAPSHOT_LOST_CONFIG);
    }

    public boolean copyFormat() {
        return getString(RECORD_FORMAT_CONFIG).equals("copy");
    }

    public int copyBatchBytes() {
        return getInt(COPY_BATCH_BYTES_CONFIG);
    }

    public int topicPartitions() {
        return getInt(TOPIC_PARTITIONS_CONFIG);
    }
}
