package io.pgclone.core.metrics;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A task's own metrics: rows and bytes (rate and total) and chunks done. On Connect 4.1+ they are KIP-877 plugin
 * metrics, so JMX and every metrics reporter of the worker see them beside Connect's; on older workers, which lack
 * {@code pluginMetrics()}, they go to a registry of the plugin's own, on JMX ({@link OwnSensors}). Which one is
 * decided once per task, by looking for the method, so no task ever fails on a missing one.
 *
 * <p>When Connect restarts a task whose previous instance has not finished stopping (a put stuck on a broker
 * outage outlives the graceful-shutdown timeout), that instance still owns the metric names, which carry only
 * the connector and task number. Registration then fails; the task goes on without metrics and retries
 * registration every few seconds, so its metrics come back once the old instance is closed.
 */
public final class TaskMetrics {
    private static final Logger log = LoggerFactory.getLogger(TaskMetrics.class);
    private static final long RETRY_NANOS = 10_000_000_000L;

    private static final AtomicInteger TASKS = new AtomicInteger();

    private final SensorRegistry pm;
    private final String what;
    private final long retryNanos;
    private final List<String> registered = new ArrayList<>();
    private Sensor rows;
    private Sensor bytes;
    private Sensor chunks;
    private boolean waiting;
    private boolean closed;
    private long nextAttempt;

    private TaskMetrics(SensorRegistry pm, String what, long retryNanos) {
        this.pm = pm;
        this.what = what;
        this.retryNanos = retryNanos;
    }

    /**
     * @param taskContext the task's {@code SourceTaskContext} or {@code SinkTaskContext}
     * @param taskConfig  the task's config, whose {@code name} names the connector on workers before 4.1
     * @param what        "read" for a source task, "loaded" for a sink task, used in the descriptions
     */
    public static TaskMetrics create(Object taskContext, Map<String, String> taskConfig, String what) {
        SensorRegistry registry = null;
        if (hasPluginMetrics(taskContext)) {
            try {
                registry = Kafka41Sensors.of(taskContext);
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.info("The worker's plugin metrics are not available ({}); task metrics go to JMX directly", e.toString());
            }
        }
        if (registry == null) {
            String connector = taskConfig.getOrDefault("name", taskConfig.getOrDefault("clone.id", "pgclone"));
            registry = new OwnSensors(connector, Integer.toString(TASKS.incrementAndGet()));
        }
        return create(registry, what, RETRY_NANOS);
    }

    static TaskMetrics create(SensorRegistry registry, String what, long retryNanos) {
        TaskMetrics metrics = new TaskMetrics(registry, what, retryNanos);
        metrics.register();
        return metrics;
    }

    /** Whether the worker is Connect 4.1+ (KIP-877), told by the context's class without calling anything. */
    static boolean hasPluginMetrics(Object taskContext) {
        try {
            taskContext.getClass().getMethod("pluginMetrics");
            Class.forName("org.apache.kafka.common.metrics.PluginMetrics", false, TaskMetrics.class.getClassLoader());
            return true;
        } catch (NoSuchMethodException | ClassNotFoundException e) {
            return false;
        }
    }

    /** Removes this task's sensors (a task that stops takes its metrics with it). */
    public synchronized void close() {
        closed = true;
        registered.forEach(pm::remove);
        registered.clear();
    }

    private synchronized boolean register() {
        if (closed) {
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
        Map<String, String> tags = Map.of();
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
            registered.addAll(added);
            return true;
        } catch (IllegalArgumentException taken) {
            added.forEach(pm::remove);
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
        Sensor sensor = pm.sensor(name);
        added.add(name);
        return sensor;
    }

    private MetricName name(String name, String doc, Map<String, String> tags) {
        return pm.name(name, doc, tags);
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
