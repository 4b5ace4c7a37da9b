package io.pgclone.stack;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    /** The storage formatter reads an id starting with '-' as an option: no id may (each random one did, 1 in 64). */
    @Test
    void clusterIdsNeverStartWithADashAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String id = KafkaBroker.clusterId();
            assertThat(id).doesNotStartWith("-").hasSize(22);
            seen.add(id);
        }
        assertThat(seen).hasSize(20_000);
    }
}
