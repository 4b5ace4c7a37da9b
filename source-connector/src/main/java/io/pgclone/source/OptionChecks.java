package io.pgclone.source;

import io.pgclone.core.ConfigErrors;
import io.pgclone.core.catalog.CatalogReader;
import io.pgclone.core.catalog.ColumnDef;
import io.pgclone.core.catalog.ColumnSelection;
import io.pgclone.core.catalog.Scope;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.mask.ColumnMask;
import io.pgclone.core.mask.HashKey;
import io.pgclone.core.mask.MaskOptions;
import io.pgclone.core.mask.MaskStrategy;
import io.pgclone.core.mask.MaskTarget;
import io.pgclone.core.options.TableOptions;
import io.pgclone.core.protocol.Topics;
import io.pgclone.core.sql.QualifiedName;
import org.apache.kafka.common.config.Config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Live checks of validate() that need the source catalog: the table options (each table in the clone, each column
 * there, each where a valid expression over its table) and the Mask transforms on this connector (each masked column
 * in some table of the clone, each strategy fitting its column's type). Errors go to the setting at fault; nothing
 * runs.
 */
final class OptionChecks {
    private static final String MASK_CLASS = "io.pgclone.transforms.Mask";
    private static final String TOPIC_NAME_MATCHES = "org.apache.kafka.connect.transforms.predicates.TopicNameMatches";

    private final Connection conn;
    private final PgCloneSourceConfig config;
    private final Scope scope;
    private final Map<String, String> props;
    private final Config result;
    private List<TableDef> tables;

    OptionChecks(Connection conn, PgCloneSourceConfig config, Scope scope, Map<String, String> props, Config result) {
        this.conn = conn;
        this.config = config;
        this.scope = scope;
        this.props = props;
        this.result = result;
    }

    /** The clone's tables with the columns it keeps. */
    private List<TableDef> tables() throws SQLException {
        if (tables == null) {
            tables = ColumnSelection.apply(new CatalogReader(conn).read(scope), config.keptColumns()).tables();
        }
        return tables;
    }

    /** Every table of the clone gets a data topic of its own. */
    void topicNames() throws SQLException {
        List<QualifiedName> names;
        try {
            names = tables().stream().map(TableDef::name).toList();
        } catch (IllegalArgumentException e) {
            return; // a kept column the table lacks: tableOptions() says so
        }
        String collision;
        try {
            collision = Topics.collision(config.topicPrefix(), names);
        } catch (IllegalArgumentException e) { // a topic name too long
            ConfigErrors.attach(result, PgCloneSourceConfig.TOPIC_PREFIX_CONFIG, e.getMessage());
            return;
        }
        if (collision != null) {
            ConfigErrors.attach(result, scope.wholeSchemas() ? PgCloneSourceConfig.SCHEMAS_CONFIG
                    : PgCloneSourceConfig.TABLES_CONFIG, collision);
        }
    }

    void tableOptions() throws SQLException {
        String key = PgCloneSourceConfig.TABLE_OPTIONS_CONFIG;
        for (Map.Entry<QualifiedName, TableOptions> e : config.tableOptions().entrySet()) {
            QualifiedName t = e.getKey();
            boolean inScope = scope.wholeSchemas() ? scope.allSchemas() || scope.schemas().contains(t.schema())
                    : scope.tables().contains(t);
            if (!inScope) {
                ConfigErrors.attach(result, key, t + " is not a table of this clone");
                continue;
            }
            TableDef def;
            try {
                def = new CatalogReader(conn).tables(List.of(t)).get(0);
            } catch (CatalogReader.MissingTableException ex) {
                ConfigErrors.attach(result, key, ex.getMessage());
                continue;
            }
            if (e.getValue().columns() != null) {
                try {
                    def.withColumns(e.getValue().columns());
                } catch (IllegalArgumentException ex) {
                    ConfigErrors.attach(result, key, "columns: " + ex.getMessage());
                }
            }
        }
        if (ConfigErrors.hasErrors(result)) {
            return; // a filter is judged over a table that exists and is in the clone
        }
        for (String problem : RowFilters.problems(conn, config.tableOptions())) {
            ConfigErrors.attach(result, key, problem);
        }
    }

    void masks() throws SQLException {
        // the source's own masks (pushed into COPY), then any Mask transform's, by the same rules
        check(PgCloneSourceConfig.MASK_CONFIG, props.get(PgCloneSourceConfig.MASK_CONFIG), false, null);
        check(PgCloneSourceConfig.MASKS_CONFIG, props.get(PgCloneSourceConfig.MASKS_CONFIG), true, null);
        String transforms = props.getOrDefault("transforms", "");
        for (String alias : transforms.split(",")) {
            alias = alias.strip();
            String prefix = "transforms." + alias + ".";
            if (alias.isEmpty() || !String.valueOf(props.get(prefix + "type")).startsWith(MASK_CLASS)) {
                continue;
            }
            Pattern only = topicPattern(alias);
            if (only == NONE) {
                continue; // a predicate we cannot evaluate here: the transform checks each record itself
            }
            check(prefix + "mask", props.get(prefix + "mask"), false, only);
            check(prefix + "masks", props.get(prefix + "masks"), true, only);
        }
    }

    private static final Pattern NONE = Pattern.compile("$^");

    /** Topics the transform applies to: all (null), a TopicNameMatches pattern, or NONE when unknown. */
    private Pattern topicPattern(String alias) {
        String predicate = props.get("transforms." + alias + ".predicate");
        if (predicate == null || predicate.isBlank()) {
            return null;
        }
        String type = props.get("predicates." + predicate + ".type");
        boolean negate = Boolean.parseBoolean(props.get("transforms." + alias + ".negate"));
        if (!TOPIC_NAME_MATCHES.equals(type) || negate) {
            return NONE;
        }
        return Pattern.compile(props.getOrDefault("predicates." + predicate + ".pattern", ".*"));
    }

    private void check(String key, String json, boolean byTable, Pattern only) throws SQLException {
        if (json == null || json.isBlank()) {
            return;
        }
        Map<String, Map<String, MaskStrategy>> groups;
        try {
            groups = byTable ? MaskOptions.parseByTable(json, HashKey.NONE) : Map.of("", MaskOptions.parse(json, HashKey.NONE));
        } catch (IllegalArgumentException e) {
            return; // Connect reports the transform's own config errors
        }
        for (Map.Entry<String, Map<String, MaskStrategy>> g : groups.entrySet()) {
            List<TableDef> matched = new ArrayList<>();
            for (TableDef t : tables()) {
                String topic = Topics.data(config.topicPrefix(), t.name());
                boolean inGroup = g.getKey().isEmpty() || topic.endsWith(Topics.suffix(g.getKey()));
                if (inGroup && (only == null || only.matcher(topic).matches())) {
                    matched.add(t);
                }
            }
            if (!g.getKey().isEmpty() && matched.isEmpty()) {
                ConfigErrors.attach(result, key, "table " + g.getKey() + " is not in the clone");
                continue;
            }
            for (Map.Entry<String, MaskStrategy> m : g.getValue().entrySet()) {
                boolean found = false;
                for (TableDef t : matched) {
                    ColumnDef c = t.column(m.getKey());
                    if (c == null) {
                        if (!g.getKey().isEmpty()) {
                            ConfigErrors.attach(result, key, "table " + t.name() + " has no column " + m.getKey()
                                    + " (or the clone leaves it out)");
                        }
                        continue;
                    }
                    found = true;
                    try {
                        new ColumnMask(c.name(), m.getValue(), MaskTarget.of(c.type(), c.notNull()));
                    } catch (IllegalArgumentException e) {
                        ConfigErrors.attach(result, key, "table " + t.name() + ": " + e.getMessage());
                    }
                }
                if (!found && g.getKey().isEmpty()) {
                    ConfigErrors.attach(result, key, "column " + m.getKey() + " is in no table of the clone: check its"
                            + " spelling (an unmasked column would reach Kafka as it is)");
                }
            }
        }
    }
}
