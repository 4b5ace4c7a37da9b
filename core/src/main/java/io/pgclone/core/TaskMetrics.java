package io.pgclone.core;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;

import java.util.LinkedHashMap;
import java.util.function.Supplier;

/**
 * A task's own metrics (KIP-877 plugin metrics, so JMX and every metrics reporter see them beside Connect's):
 * rows and bytes (rate and total) and chunks done. A no-op on a Connect runtime older than 4.1.
 */
public final class TaskMetrics {
    private final Sensor rows;
    private final Sensor bytes;
    private final Sensor chunks;

    private TaskMetrics(Sensor rows, Sensor bytes, Sensor chunks) {
        this.rows = rows;
        this.bytes = bytes;
        this.chunks = chunks;
    }

    /** @param what "read" for a source task, "loaded" for a sink task, used in the descriptions */
    public static TaskMetrics create(Supplier<PluginMetrics> context, String what) {
        PluginMetrics pm;
        try {
            pm = context.get();
        } catch (LinkageError | UnsupportedOperationException e) {
            pm = null; // Connect before 4.1
        }
        if (pm == null) {
            return new TaskMetrics(null, null, null);
        }
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        // Sensor names are global to the worker's metrics registry: make them this task's own.
        String id = "-" + what + "-" + java.util.UUID.randomUUID();
        Sensor rows = pm.addSensor("pgclone-rows" + id);
        rows.add(name(pm, "rows-rate", "Rows " + what + " per second", tags), new Rate());
        rows.add(name(pm, "rows-total", "Rows " + what, tags), new CumulativeSum());
        Sensor bytes = pm.addSensor("pgclone-bytes" + id);
        bytes.add(name(pm, "bytes-rate", "Bytes of COPY text " + what + " per second", tags), new Rate());
        bytes.add(name(pm, "bytes-total", "Bytes of COPY text " + what, tags), new CumulativeSum());
        Sensor chunks = pm.addSensor("pgclone-chunks" + id);
        chunks.add(name(pm, "chunks-total", "Chunks " + what + " completely", tags), new CumulativeCount());
        return new TaskMetrics(rows, bytes, chunks);
    }

    private static MetricName name(PluginMetrics pm, String name, String doc, LinkedHashMap<String, String> tags) {
        return pm.metricName(name, doc, tags);
    }

    public void rows(long n, long byteCount) {
        if (rows != null) {
            rows.record(n);
            bytes.record(byteCount);
        }
    }

    public void chunkDone() {
        if (chunks != null) {
            chunks.record();
        }
    }
}
