package io.pgclone.sink;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.ConnectionConfig;
import io.pgclone.core.options.Conflict;
import io.pgclone.core.options.Renames;
import io.pgclone.core.options.SettingEnums;
import io.pgclone.core.options.SettingLists;
import io.pgclone.core.protocol.Topics;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.util.Map;
import java.util.regex.Pattern;

/** Settings of the sink connector. Connect's own {@code topics}/{@code topics.regex} select what it consumes. */
public final class PgCloneSinkConfig extends AbstractConfig {
    public static final String PREFIX = "target.";
    private static final String CONNECTION_GROUP = "Target connection";
    private static final String CLONE_GROUP = "Clone";

    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    private static final String TOPIC_PREFIX_DOC = "Prefix the source connector used; the control topic is "
            + "<prefix>._control and must be among the topics this connector consumes.";

    public static final String DATABASE_CREATE_CONFIG = "target.database.create";
    private static final String DATABASE_CREATE_DOC = "Create target.database when it does not exist (pgclone's"
            + " database_create); an existing one is cloned into.";

    public static final String MAINTENANCE_WORK_MEM_CONFIG = "post.data.maintenance.work.mem";
    private static final String MAINTENANCE_WORK_MEM_DOC = "maintenance_work_mem of the sessions that build indexes,"
            + " keys and foreign keys after the data (a PostgreSQL memory size such as '256MB'; empty keeps the server's"
            + " setting). Larger sorts in memory build keys faster; each sink task runs one such session.";
    private static final Pattern MEMORY = Pattern.compile("\\d+\\s*(kB|MB|GB|TB)?");

    public static final String ANALYZE_CONFIG = "post.data.analyze";
    private static final String ANALYZE_DOC = "ANALYZE each table once it is loaded, indexed and keyed (overlapped"
            + " with the other tables' post-data), so the first queries on the clone are planned with statistics.";

    /** Task-only: the connector's name, which keys the consumed offsets stored in the target. */
    public static final String CONFLICT_CONFIG = "conflict";
    private static final String CONFLICT_DOC = "When an object of the clone already exists on the target: 'error' stops"
            + " before anything changes, 'skip' leaves it (and does not load it), 'replace' drops and re-creates it,"
            + " 'rename' moves it to <name>_old first.";
    public static final String RENAME_SCHEMAS_CONFIG = "rename.schemas";
    private static final String RENAME_SCHEMAS_DOC = "Schemas to create under another name on this target, as"
            + " source:target pairs, comma-separated (e.g. app:app_staging).";
    public static final String RENAME_TABLES_CONFIG = "rename.tables";
    private static final String RENAME_TABLES_DOC = "Tables to create under another name on this target, as"
            + " schema.table:new_name or schema.table:schema.new_name pairs, comma-separated (source names).";

    public static final String TASK_CONNECTOR_NAME = "task.connector.name";

    public static final ConfigDef CONFIG_DEF = ConnectionConfig.define(new ConfigDef(), PREFIX, "target", CONNECTION_GROUP)
            .define(TOPIC_PREFIX_CONFIG, Type.STRING, "pgclone", (name, value) -> {
                String problem = Topics.prefixProblem((String) value);
                if (problem != null) {
                    throw new ConfigException(name, value, problem);
                }
            }, Importance.HIGH, TOPIC_PREFIX_DOC, CLONE_GROUP, 1, Width.MEDIUM, "Topic prefix")
            .define(DATABASE_CREATE_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, DATABASE_CREATE_DOC, CONNECTION_GROUP,
                    20, Width.SHORT, "Create the database")
            .define(MAINTENANCE_WORK_MEM_CONFIG, Type.STRING, "256MB", (name, value) -> {
                if (value != null && !((String) value).isBlank() && !MEMORY.matcher(((String) value).trim()).matches()) {
                    throw new ConfigException(name, value, "use a PostgreSQL memory size such as 256MB or 1GB");
                }
            }, Importance.LOW, MAINTENANCE_WORK_MEM_DOC, CLONE_GROUP, 2, Width.SHORT, "Post-data maintenance_work_mem")
            .define(ANALYZE_CONFIG, Type.BOOLEAN, true, Importance.LOW, ANALYZE_DOC, CLONE_GROUP, 3, Width.SHORT,
                    "Analyze loaded tables")
            .define(CONFLICT_CONFIG, Type.STRING, SettingEnums.setting(Conflict.ERROR),
                    ConfigDef.ValidString.in(SettingEnums.settings(Conflict.class)), Importance.MEDIUM, CONFLICT_DOC,
                    CLONE_GROUP, 4, Width.SHORT, "On conflict")
            .define(RENAME_SCHEMAS_CONFIG, Type.STRING, "", Renames.validator(false), Importance.LOW,
                    RENAME_SCHEMAS_DOC, CLONE_GROUP, 5, Width.LONG, "Renamed schemas")
            .define(RENAME_TABLES_CONFIG, Type.STRING, "", Renames.validator(true), Importance.LOW, RENAME_TABLES_DOC,
                    CLONE_GROUP, 6, Width.LONG, "Renamed tables");

    static final ConfigDef TASK_CONFIG_DEF = new ConfigDef(CONFIG_DEF)
            .define(TASK_CONNECTOR_NAME, Type.STRING, Importance.HIGH, "Name of the connector.");

    public PgCloneSinkConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    PgCloneSinkConfig(ConfigDef def, Map<?, ?> props) {
        super(def, props);
    }

    static PgCloneSinkConfig forTask(Map<?, ?> props) {
        return new PgCloneSinkConfig(TASK_CONFIG_DEF, props);
    }

    /** What this target does differently from the source: conflicts and renames. */
    TargetOptions targetOptions() {
        return new TargetOptions(SettingEnums.parse(Conflict.class, getString(CONFLICT_CONFIG)),
                Renames.schemas(SettingLists.split(getString(RENAME_SCHEMAS_CONFIG))),
                Renames.tables(SettingLists.split(getString(RENAME_TABLES_CONFIG))));
    }

    public ConnInfo connection() {
        return ConnectionConfig.from(this, PREFIX);
    }

    public boolean connectionFromUrl() {
        return ConnectionConfig.fromUrl(this, PREFIX);
    }

    public boolean createDatabase() {
        return getBoolean(DATABASE_CREATE_CONFIG);
    }

    /** The same server's maintenance database, to create the target database from. */
    public ConnInfo maintenanceConnection() {
        ConnInfo c = connection();
        return new ConnInfo(c.host(), c.port(), "postgres", c.user(), c.password(), c.params());
    }

    public boolean analyze() {
        return getBoolean(ANALYZE_CONFIG);
    }

    /** maintenance_work_mem for post-data sessions, or null for the server's own. */
    public String maintenanceWorkMem() {
        String v = getString(MAINTENANCE_WORK_MEM_CONFIG);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public String controlTopic() {
        return Topics.control(getString(TOPIC_PREFIX_CONFIG));
    }
}
