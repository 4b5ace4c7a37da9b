package io.pgclone.sink;

import io.pgclone.core.options.Conflict;
import io.pgclone.core.sql.QualifiedName;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PgCloneSinkConfigTest {
    private static Map<String, String> with(String maintenanceWorkMem) {
        Map<String, String> p = new HashMap<>(Map.of("target.host", "127.0.0.1", "target.database", "t",
                "target.user", "u"));
        if (maintenanceWorkMem != null) {
            p.put(PgCloneSinkConfig.MAINTENANCE_WORK_MEM_CONFIG, maintenanceWorkMem);
        }
        return p;
    }

    @Test
    void postDataMemoryTakesAPostgresSizeOrTheServerDefault() {
        assertThat(new PgCloneSinkConfig(with(null)).maintenanceWorkMem()).isEqualTo("256MB");
        assertThat(new PgCloneSinkConfig(with(" 1GB ")).maintenanceWorkMem()).isEqualTo("1GB");
        assertThat(new PgCloneSinkConfig(with("")).maintenanceWorkMem()).isNull();
    }

    @Test
    void aPostDataMemoryThatIsNotASizeIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new PgCloneSinkConfig(with("1GB'; DROP TABLE x; --")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("post.data.maintenance.work.mem");
    }

    @Test
    void conflictAndRenamesAreTheTargetsOwnSettings() {
        Map<String, String> p = with(null);
        assertThat(new PgCloneSinkConfig(p).targetOptions()).isEqualTo(TargetOptions.defaults());
        p.put(PgCloneSinkConfig.CONFLICT_CONFIG, "replace");
        p.put(PgCloneSinkConfig.RENAME_SCHEMAS_CONFIG, "app:app_staging");
        p.put(PgCloneSinkConfig.RENAME_TABLES_CONFIG, "app.t:\"T 2\"");
        TargetOptions o = new PgCloneSinkConfig(p).targetOptions();
        assertThat(o.conflict()).isEqualTo(Conflict.REPLACE);
        assertThat(o.schemas()).containsExactly(Map.entry("app", "app_staging"));
        assertThat(o.tableRenames()).containsExactly(Map.entry(new QualifiedName("app", "t"), new QualifiedName("app", "T 2")));
    }

    @Test
    void anUnknownConflictOrAMalformedRenameIsRefusedNamingTheSetting() {
        Map<String, String> p = with(null);
        p.put(PgCloneSinkConfig.CONFLICT_CONFIG, "overwrite");
        assertThatThrownBy(() -> new PgCloneSinkConfig(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("conflict");
        Map<String, String> q = with(null);
        q.put(PgCloneSinkConfig.RENAME_TABLES_CONFIG, "public.accounts");
        assertThatThrownBy(() -> new PgCloneSinkConfig(q)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("rename.tables").hasMessageContaining("is not source:target");
    }
}
