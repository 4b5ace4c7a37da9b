package io.pgclone.sink;

import io.pgclone.core.ConfigErrors;
import io.pgclone.core.ConverterCheck;
import io.pgclone.core.ErrorTolerance;
import io.pgclone.core.Version;
import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.ConnectionProblem;
import io.pgclone.core.conn.PgConnections;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkTask;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Recreates cloned tables on a PostgreSQL target from the control topic and loads their rows with COPY, one
 * transaction per chunk together with the consumed offsets, so that any crash neither loses nor duplicates a row.
 */
public class PgCloneSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public ConfigDef config() {
        return PgCloneSinkConfig.CONFIG_DEF;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return PgCloneSinkTask.class;
    }

    @Override
    public void start(Map<String, String> props) {
        String tolerance = ErrorTolerance.problem(props);
        if (tolerance != null) {
            throw new ConnectException(tolerance);
        }
        this.props = Map.copyOf(props);
        new PgCloneSinkConfig(props); // fail fast on bad settings
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> c = new HashMap<>(props);
            c.put(PgCloneSinkConfig.TASK_CONNECTOR_NAME, props.get("name"));
            out.add(c);
        }
        return out;
    }

    @Override
    public void stop() {
    }

    @Override
    public Config validate(Map<String, String> configs) {
        Config result = super.validate(configs);
        if (ConfigErrors.hasErrors(result)) {
            return result;
        }
        String tolerance = ErrorTolerance.problem(configs);
        if (tolerance != null) {
            ConfigErrors.attach(result, ErrorTolerance.KEY, tolerance);
            return result;
        }
        ConverterCheck.Problem converter = ConverterCheck.problem(configs, null);
        if (converter != null) {
            ConfigErrors.attach(result, converter.setting(), converter.message());
            return result;
        }
        String regex = configs.get(SinkTask.TOPICS_REGEX_CONFIG);
        if (regex != null && !regex.isBlank()) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                ConfigErrors.attach(result, SinkTask.TOPICS_REGEX_CONFIG, "is not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
                return result;
            }
        }
        PgCloneSinkConfig c = new PgCloneSinkConfig(configs);
        String control = c.controlTopic();
        if (!consumes(configs, control)) {
            String key = configs.containsKey(SinkTask.TOPICS_REGEX_CONFIG) ? SinkTask.TOPICS_REGEX_CONFIG : SinkTask.TOPICS_CONFIG;
            ConfigErrors.attach(result, key, "must include the control topic " + control + " (for example topics.regex="
                    + c.getString(PgCloneSinkConfig.TOPIC_PREFIX_CONFIG).replace(".", "\\.") + "\\..*)");
            return result;
        }
        ConnInfo info;
        try {
            info = c.connection();
        } catch (ConfigException e) {
            ConfigErrors.attach(result, ConfigErrors.keyOf(e, PgCloneSinkConfig.PREFIX + "host"), e.getMessage());
            return result;
        }
        // With target.database.create the database may not exist yet: check the credentials on the server instead.
        ConnInfo check = c.createDatabase() ? c.maintenanceConnection() : info;
        try (Connection conn = PgConnections.open(check, "pgclone validate")) {
            conn.isValid(5);
        } catch (SQLException e) {
            ConnectionProblem p = ConnectionProblem.diagnose(e, PgCloneSinkConfig.PREFIX, info, c.connectionFromUrl());
            ConfigErrors.attach(result, p.setting(), p.message());
        }
        return result;
    }

    private static boolean consumes(Map<String, String> configs, String topic) {
        String regex = configs.get(SinkTask.TOPICS_REGEX_CONFIG);
        if (regex != null && !regex.isBlank()) {
            return Pattern.compile(regex).matcher(topic).matches();
        }
        String topics = configs.get(SinkTask.TOPICS_CONFIG);
        return topics != null && Arrays.stream(topics.split(",")).map(String::trim).anyMatch(topic::equals);
    }
}
