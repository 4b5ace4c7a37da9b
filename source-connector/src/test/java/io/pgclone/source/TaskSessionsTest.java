package io.pgclone.source;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaskSessionsTest {

    @Test
    void shouldKnowItsTasksByTheirSessionNames() {
        assertThat(TaskSessions.isOurs("pgclone task 0 clone-1", "clone-1")).isTrue();
        assertThat(TaskSessions.isOurs("pgclone task 12 clone-1", "clone-1")).isTrue();
        assertThat(TaskSessions.isOurs("pgclone task 0 clone-10", "clone-1")).isFalse();
        assertThat(TaskSessions.isOurs("pgclone task 0 clone-1", "clone-10")).isFalse();
        assertThat(TaskSessions.isOurs("pgclone snapshot clone-1", "clone-1")).isFalse();
        assertThat(TaskSessions.isOurs(null, "clone-1")).isFalse();
    }

    @Test
    void shouldKnowThemWhenTheServerCutTheNameAt63Bytes() {
        String id = "nightly-refresh-of-the-production-orders-database-into-staging-2026";
        String cut = ("pgclone task 3 " + id).substring(0, 63);
        assertThat(TaskSessions.isOurs(cut, id)).isTrue();
        assertThat(TaskSessions.isOurs(cut, "nightly-refresh-of-something-else-entirely-but-long-enough-too")).isFalse();
    }
}
