package io.pgclone.source;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Counts, per chunk attempt, the records Kafka has acknowledged ({@code commitRecord}, called on the producer's
 * thread). All records of one attempt share one source-partition map instance, which is the lookup key.
 */
final class AckTracker {
    /** Counters of one attempt. */
    static final class Counts {
        long sent;
        long acked;
        long dropped;
    }

    private final Map<Map<String, ?>, Counts> byPartition = new IdentityHashMap<>();

    synchronized Counts register(Map<String, ?> partition) {
        Counts c = new Counts();
        byPartition.put(partition, c);
        return c;
    }

    synchronized void sent(Counts c, int n) {
        c.sent += n;
    }

    /** A record reached Kafka ({@code written}) or was dropped by a transformation. */
    synchronized void ack(Map<String, ?> partition, boolean written) {
        Counts c = byPartition.get(partition);
        if (c != null) {
            if (written) {
                c.acked++;
            } else {
                c.dropped++;
            }
        }
    }

    /** Whether every record sent so far was acknowledged or dropped. */
    synchronized boolean settled(Counts c) {
        return c.acked + c.dropped == c.sent;
    }

    synchronized long acked(Counts c) {
        return c.acked;
    }

    synchronized void forget(Map<String, ?> partition) {
        byPartition.remove(partition);
    }
}
