package io.pgclone.sink;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionGateTest {
    private static final TopicPartition A = new TopicPartition("p.public.a", 0);
    private static final TopicPartition B = new TopicPartition("p.public.b", 0);

    private final FakeSinkContext context = new FakeSinkContext();
    private long now = 10_000;
    private final PartitionGate gate = new PartitionGate(context, () -> now);

    @Test
    void opensAtTheStoredSafeOffsetOrAtTheStart() {
        context.paused.add(A); // paused before a rebalance: Connect pauses it again
        gate.open(List.of(A, B), Map.of(A, 42L));
        assertThat(context.seeks).containsEntry(A, 42L).containsEntry(B, 0L);
        assertThat(context.paused).isEmpty();
        assertThat(gate.admits(A, 41)).isFalse();
        assertThat(gate.admits(A, 42)).isTrue();
        assertThat(gate.admits(new TopicPartition("other", 0), 0)).as("not assigned").isFalse();
    }

    @Test
    void preCommitReportsOnlyWhatTheTargetHolds() {
        gate.open(List.of(A, B), Map.of());
        gate.processed(A, 99); // read, but not committed in the target
        assertThat(gate.preCommit(current(A, 100, B, 5))).isEmpty();
        gate.stored(A, 50);
        assertThat(gate.preCommit(current(A, 100, B, 5))).containsOnly(Map.entry(A, new OffsetAndMetadata(50)));
    }

    @Test
    void aHeldPartitionIsRewoundAndSkipsTheRestOfItsBatch() {
        gate.open(List.of(A, B), Map.of());
        gate.startBatch();
        gate.processed(A, 6);
        gate.holdAt(A, 7, "c1", 2);
        assertThat(context.seeks).containsEntry(A, 7L);
        assertThat(context.paused).containsExactly(A);
        assertThat(context.timeout).isEqualTo(PartitionGate.RECHECK_MS);
        assertThat(gate.admits(A, 8)).as("rest of the batch").isFalse();
        assertThat(gate.admits(B, 0)).isTrue();
        gate.startBatch();
        assertThat(gate.admits(A, 7)).as("delivered again from the rewound offset").isTrue();
    }

    @Test
    void resumesOnlyWhenReadyAndChecksAtMostEveryRecheckInterval() throws Exception {
        gate.open(List.of(A), Map.of());
        gate.holdAt(A, 3, "c1", 2);
        int[] asked = {0};
        boolean[] ready = {false};
        PartitionGate.Readiness readiness = (topic, clone, generation) -> {
            asked[0]++;
            assertThat(topic).isEqualTo(A.topic());
            assertThat(clone).isEqualTo("c1");
            assertThat(generation).isEqualTo(2);
            return ready[0];
        };
        gate.resumeReady(readiness);
        assertThat(asked[0]).as("too soon").isZero();
        now += PartitionGate.RECHECK_MS;
        gate.resumeReady(readiness);
        assertThat(asked[0]).isEqualTo(1);
        assertThat(context.paused).containsExactly(A);
        ready[0] = true;
        gate.resumeReady(readiness);
        assertThat(asked[0]).as("checked again only after the interval").isEqualTo(1);
        now += PartitionGate.RECHECK_MS;
        gate.resumeReady(readiness);
        assertThat(context.paused).isEmpty();
        gate.resumeReady(readiness);
        assertThat(asked[0]).as("resumed partitions are not checked").isEqualTo(2);
    }

    @Test
    void rewindAllGoesBackToTheStoredOffsets() {
        gate.open(List.of(A, B), Map.of(A, 10L));
        gate.processed(A, 30);
        gate.processed(B, 30);
        gate.stored(B, 20);
        context.seeks.clear();
        gate.rewindAll();
        assertThat(context.seeks).containsEntry(A, 10L).containsEntry(B, 20L);
        assertThat(gate.admits(A, 10)).as("rest of the batch skipped").isFalse();
        gate.startBatch();
        assertThat(gate.admits(A, 10)).isTrue();
        assertThat(gate.admits(B, 19)).isFalse();
    }

    @Test
    void revokedPartitionsAreForgotten() {
        gate.open(List.of(A, B), Map.of(A, 1L, B, 1L));
        gate.close(List.of(A));
        assertThat(gate.admits(A, 5)).isFalse();
        assertThat(gate.topics()).containsExactly(B.topic());
        assertThat(gate.preCommit(current(A, 5, B, 5))).containsOnlyKeys(B);
    }

    private static Map<TopicPartition, OffsetAndMetadata> current(TopicPartition a, long ao, TopicPartition b, long bo) {
        return Map.of(a, new OffsetAndMetadata(ao), b, new OffsetAndMetadata(bo));
    }
}
