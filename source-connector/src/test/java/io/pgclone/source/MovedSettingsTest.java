package io.pgclone.source;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MovedSettingsTest {
    @Test
    void targetSettingsGivenToTheSourceAreNamedWithWhereTheyWent() {
        Map<String, String> problems = PgCloneSourceConfig.movedSettings(Map.of("conflict", "replace",
                "rename.tables", "a.b:c", "tables", "a.b"));
        assertThat(problems).containsOnlyKeys("conflict", "rename.tables");
        assertThat(problems.get("conflict")).startsWith("conflict is a setting of the sink connector")
                .contains("move it from the source connector's config to the sink's");
        assertThat(PgCloneSourceConfig.movedSettings(Map.of("tables", "a.b"))).isEmpty();
    }
}
