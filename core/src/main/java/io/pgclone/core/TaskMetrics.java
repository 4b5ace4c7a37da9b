package io.pgclone.core;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A task's own metrics (KIP-877 plugin metrics, so JMX and every metrics reporter see them beside Connect's):
 * rows and bytes (rate and total) and chunks done. A no-op on a Connect runtime older than 4.1.
 *
 * <p>When Connect restarts a task whose previous instance has not finished stopping (a put stuck on a broker
 * outage outlives the graceful-shutdown timeout), that instance still owns the metric names, which carry only
 * the connector and task number. Registration then fails; the task goes on without metrics and retries
 * registration every few seconds, so its metrics come back once the old instance is closed.
 */
public final class TaskMetrics {
    private static final Logger log = LoggerFactory.getLogger(TaskMetrics.class);
    private static final long RETRY_NANOS = 10_000_000_000L;

    private final PluginMetrics pm;
    private final String what;
    private final long retryNanos;
    private Sensor rows;
    private Sensor bytes;
    private Sensor chunks;
    private boolean waiting;
    private long nextAttempt;

    private TaskMetrics(PluginMetrics pm, String what, long retryNanos) {
        this.pm = pm;
        this.what = what;
        this.retryNanos = retryNanos;
    }

    /** @param what "read" for a source task, "loaded" for a sink task, used in the descriptions */
    public static TaskMetrics create(Supplier<PluginMetrics> context, String what) {
        return create(context, what, RETRY_NANOS);
    }

    static TaskMetrics create(Supplier<PluginMetrics> context, String what, long retryNanos) {
        PluginMetrics pm;
        try {
            pm = context.get();
        } catch (LinkageError | UnsupportedOperationException e) {
            pm = null; // Connect before 4.1
        }
        TaskMetrics metrics = new TaskMetrics(pm, what, retryNanos);
        metrics.register();
        return metrics;
    }

    private boolean register() {
        if (pm == null) {
            return false;
        }
        if (rows != null) {
            return true;
        }
        long now = System.nanoTime();
        if (waiting && now - nextAttempt < 0) {
            return false;
        }
        // Sensor names are global to the worker's metrics registry: make them this instance's own.
        String id = "-" + what + "-" + UUID.randomUUID();
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        List<String> added = new ArrayList<>();
        try {
            Sensor r = sensor("pgclone-rows" + id, added);
            r.add(name("rows-rate", "Rows " + what + " per second", tags), new Rate());
            r.add(name("rows-total", "Rows " + what, tags), new CumulativeSum());
            Sensor b = sensor("pgclone-bytes" + id, added);
            b.add(name("bytes-rate", "Bytes of COPY text " + what + " per second", tags), new Rate());
            b.add(name("bytes-total", "Bytes of COPY text " + what, tags), new CumulativeSum());
            Sensor c = sensor("pgclone-chunks" + id, added);
            c.add(name("chunks-total", "Chunks " + what + " completely", tags), new CumulativeCount());
            rows = r;
            bytes = b;
            chunks = c;
            return true;
        } catch (IllegalArgumentException taken) {
            added.forEach(pm::removeSensor);
            if (!waiting) {
                log.warn("Task metrics not registered yet, a previous instance of this task still holds them: {}",
                        taken.getMessage());
            }
            waiting = true;
            nextAttempt = now + retryNanos;
            return false;
        }
    }

    private Sensor sensor(String name, List<String> added) {
        Sensor sensor = pm.addSensor(name);
        added.add(name);
        return sensor;
    }

    private MetricName name(String name, String doc, LinkedHashMap<String, String> tags) {
        return pm.metricName(name, doc, tags);
    }

    public void rows(long n, long byteCount) {
        if (register()) {
            rows.record(n);
            bytes.record(byteCount);
        }
    }

    public void chunkDone() {
        if (register()) {
            chunks.record();
        }
    }
}
