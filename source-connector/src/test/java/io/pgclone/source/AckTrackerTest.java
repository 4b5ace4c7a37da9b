package io.pgclone.source;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AckTrackerTest {
    private final AckTracker acks = new AckTracker();

    @Test
    void anAttemptIsSettledWhenEveryRecordSentIsAcknowledgedOrDropped() {
        Map<String, Object> partition = new HashMap<>(Map.of("chunk", 1));
        AckTracker.Counts c = acks.register(partition);
        acks.sent(c, 3);
        acks.ack(partition, true);
        acks.ack(partition, false); // dropped by a transformation: not written, but settled
        assertThat(acks.settled(c)).isFalse();
        acks.ack(partition, true);
        assertThat(acks.settled(c)).isTrue();
        assertThat(acks.acked(c)).as("only the records that reached Kafka count").isEqualTo(2);
        acks.sent(c, 1);
        assertThat(acks.settled(c)).as("more were sent meanwhile").isFalse();
    }

    /** Records of one attempt share one partition map instance; an equal map of another attempt is another key. */
    @Test
    void attemptsAreToldApartByTheirPartitionInstance() {
        Map<String, Object> first = new HashMap<>(Map.of("chunk", 1));
        Map<String, Object> retry = new HashMap<>(Map.of("chunk", 1));
        AckTracker.Counts a = acks.register(first);
        AckTracker.Counts b = acks.register(retry);
        acks.sent(a, 1);
        acks.sent(b, 1);
        acks.ack(retry, true);
        assertThat(acks.settled(a)).isFalse();
        assertThat(acks.settled(b)).isTrue();
        acks.forget(first);
        acks.ack(first, true); // a late acknowledgement of a forgotten attempt changes nothing
        assertThat(acks.acked(a)).isZero();
    }
}
