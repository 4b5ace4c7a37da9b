package io.pgclone.sink;

import io.pgclone.core.ConfigDocs;
import io.pgclone.testkit.GeneratedDocs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDocumentationTest {

    @Test
    void shouldDocumentEverySetting() {
        PgCloneSinkConfig.CONFIG_DEF.configKeys().values().forEach(k -> assertThat(k.documentation).as(k.name).isNotBlank());
    }

    @Test
    void shouldKeepTheGeneratedReferenceCurrent() throws Exception {
        GeneratedDocs.check(Path.of("docs/configuration-sink.md"), ConfigDocs.markdown("Sink connector settings",
                "Settings of `io.pgclone.sink.PgCloneSinkConnector`. Connect's own settings (`name`, `tasks.max`, `topics` or `topics.regex`) apply as usual; the topics must include the control topic `<topic.prefix>._control`.",
                PgCloneSinkConfig.CONFIG_DEF));
    }
}
