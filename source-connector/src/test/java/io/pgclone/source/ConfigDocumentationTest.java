package io.pgclone.source;

import io.pgclone.core.ConfigDocs;
import io.pgclone.testkit.GeneratedDocs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDocumentationTest {

    @Test
    void shouldDocumentEverySetting() {
        PgCloneSourceConfig.CONFIG_DEF.configKeys().values().forEach(k -> assertThat(k.documentation).as(k.name).isNotBlank());
    }

    @Test
    void shouldKeepTheGeneratedReferenceCurrent() throws Exception {
        GeneratedDocs.check(Path.of("docs/configuration-source.md"), ConfigDocs.markdown("Source connector settings",
                "Settings of `io.pgclone.source.PgCloneSourceConnector`. Connect's own settings (`name`, `tasks.max`, `transforms`, `topic.creation.*`) apply as usual.",
                PgCloneSourceConfig.CONFIG_DEF));
    }
}
