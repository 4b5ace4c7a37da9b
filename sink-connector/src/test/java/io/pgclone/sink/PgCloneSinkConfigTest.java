package io.pgclone.sink;

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
}
