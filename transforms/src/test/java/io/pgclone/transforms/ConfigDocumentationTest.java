package io.pgclone.transforms;

import io.pgclone.core.ConfigDocs;
import io.pgclone.testkit.GeneratedDocs;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDocumentationTest {
    private static final List<ConfigDef> DEFS = List.of(Mask.CONFIG_DEF, ColumnFilter.CONFIG_DEF, RowFilter.CONFIG_DEF);

    @Test
    void shouldDocumentEverySetting() {
        DEFS.forEach(d -> d.configKeys().values().forEach(k -> assertThat(k.documentation).as(k.name).isNotBlank()));
    }

    @Test
    void shouldKeepTheGeneratedReferenceCurrent() throws Exception {
        String doc = ConfigDocs.markdown("Mask transform settings", "`io.pgclone.transforms.Mask`: masks columns of"
                        + " the record key and value. See [masking](masking.md).", Mask.CONFIG_DEF)
                + "\n" + ConfigDocs.markdown("ColumnFilter transform settings", "`io.pgclone.transforms.ColumnFilter`:"
                + " keeps or drops columns.", ColumnFilter.CONFIG_DEF)
                + "\n" + ConfigDocs.markdown("RowFilter transform settings", "`io.pgclone.transforms.RowFilter`: keeps"
                + " the records whose value meets a condition.", RowFilter.CONFIG_DEF);
        GeneratedDocs.check(Path.of("docs/configuration-transforms.md"), doc);
    }
}
