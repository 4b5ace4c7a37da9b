package io.pgclone.core;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TaskMetricsTest {
    private static final Map<String, String> TASK = Map.of("connector", "c", "task", "1");

    @Test
    void aRestartedTaskWaitsForItsPreviousInstanceToReleaseTheMetricNames() throws Exception {
        try (Metrics registry = new Metrics()) {
            PluginMetricsImpl previous = new PluginMetricsImpl(registry, TASK);
            TaskMetrics old = TaskMetrics.create(() -> previous, "loaded", 0);
            old.rows(5, 50);
            assertThat(total(registry)).isEqualTo(5.0);

            PluginMetricsImpl next = new PluginMetricsImpl(registry, TASK);
            TaskMetrics restarted = TaskMetrics.create(() -> next, "loaded", 0); // names taken: no exception
            restarted.rows(7, 70);
            assertThat(total(registry)).as("the old instance's total, untouched").isEqualTo(5.0);

            previous.close();
            restarted.rows(3, 30);
            assertThat(total(registry)).as("registered once the old instance closed").isEqualTo(3.0);
            next.close();
        }
    }

    private static double total(Metrics registry) {
        for (Map.Entry<MetricName, KafkaMetric> e : registry.metrics().entrySet()) {
            if (e.getKey().name().equals("rows-total") && "1".equals(e.getKey().tags().get("task"))) {
                return (Double) e.getValue().metricValue();
            }
        }
        throw new AssertionError("no rows-total metric");
    }
}
