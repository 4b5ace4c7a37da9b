package io.pgclone.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgclone.stack.ConnectRestClient;
import io.pgclone.stack.FreePorts;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.ConfigFiles;
import io.pgclone.testkit.ConfigFiles.Connector;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Connect's REST validate names the culprit setting, and validating changes nothing on the target. */
class ValidateConfigIT {
    private static final String SOURCE = "io.pgclone.source.PgCloneSourceConnector";
    private static final String SINK = "io.pgclone.sink.PgCloneSinkConnector";

    @Test
    void shouldPutAWrongSourcePasswordOnSourcePassword() {
        PostgresServer pg = Servers.postgres(17);
        String db = Databases.fresh(pg, "val");
        pg.execute(db, "CREATE TABLE public.accounts (id int PRIMARY KEY)");
        Connector c = ConfigFiles.load("clone-table.json").connectedTo("source", pg, db).with("source.password", "wrong");

        Map<String, List<String>> errors = errors(SOURCE, c);

        assertThat(errors).containsOnlyKeys("source.password");
        assertThat(errors.get("source.password").get(0)).contains("password authentication failed for user 'postgres'");
    }

    @Test
    void shouldPutAnUnreachableSourceOnSourceHost() {
        int closed = FreePorts.pick();
        Connector c = ConfigFiles.load("clone-table.json").with("source.host", "127.0.0.1")
                .with("source.port", Integer.toString(closed)).with("source.password", "x");

        Map<String, List<String>> errors = errors(SOURCE, c);

        assertThat(errors).containsOnlyKeys("source.host");
        assertThat(errors.get("source.host").get(0)).contains("cannot reach PostgreSQL at 127.0.0.1:" + closed);
    }

    @Test
    void shouldPutAMissingTableOnTables() {
        PostgresServer pg = Servers.postgres(17);
        String db = Databases.fresh(pg, "val");
        Connector c = ConfigFiles.load("clone-table.json").connectedTo("source", pg, db).with("tables", "public.nope");

        Map<String, List<String>> errors = errors(SOURCE, c);

        assertThat(errors).containsOnlyKeys("tables");
        assertThat(errors.get("tables").get(0)).contains("table public.nope does not exist on the source");
    }

    @Test
    void shouldPutAWrongTargetPasswordOnTargetPasswordAndLeaveTheTargetAsItWas() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String db = Databases.fresh(pg, "valtgt");
        Connector c = ConfigFiles.load("sink.json").connectedTo("target", pg, db).with("target.password", "wrong");

        Map<String, List<String>> errors = errors(SINK, c);

        assertThat(errors).containsOnlyKeys("target.password");
        try (Connection conn = pg.connect(db); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgclone'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("pgclone schema on the target").isZero();
        }
    }

    @Test
    void shouldRequireTheSinkToConsumeTheControlTopic() {
        PostgresServer pg = Servers.postgres(17);
        Connector c = ConfigFiles.load("sink.json").connectedTo("target", pg, "postgres")
                .with("topics.regex", "other\\..*");

        Map<String, List<String>> errors = errors(SINK, c);

        assertThat(errors).containsOnlyKeys("topics.regex");
        assertThat(errors.get("topics.regex").get(0)).contains("must include the control topic pgclone._control");
    }

    /** Setting name to its error messages, for the settings that have errors. */
    private static Map<String, List<String>> errors(String connectorClass, Connector c) {
        ConnectRestClient rest = Servers.stack().worker().rest();
        Map<String, String> config = new HashMap<>(c.config());
        config.put("name", c.name());
        JsonNode result = rest.validate(connectorClass, config);
        Map<String, List<String>> out = new HashMap<>();
        for (JsonNode v : result.path("configs")) {
            List<String> errs = new java.util.ArrayList<>();
            v.path("value").path("errors").forEach(e -> errs.add(e.asText()));
            if (!errs.isEmpty()) {
                out.put(v.path("value").path("name").asText(), errs);
            }
        }
        assertThat(result.path("error_count").asInt()).isEqualTo(out.values().stream().mapToInt(List::size).sum());
        return out;
    }
}
