package io.pgclone.core.metrics;

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
            TaskMetrics old = TaskMetrics.create(new Kafka41Sensors(previous), "loaded", 0);
            old.rows(5, 50);
            assertThat(total(registry)).isEqualTo(5.0);

            PluginMetricsImpl next = new PluginMetricsImpl(registry, TASK);
            TaskMetrics restarted = TaskMetrics.create(new Kafka41Sensors(next), "loaded", 0); // names taken: no exception
            restarted.rows(7, 70);
            assertThat(total(registry)).as("the old instance's total, untouched").isEqualTo(5.0);

            previous.close();
            restarted.rows(3, 30);
            assertThat(total(registry)).as("registered once the old instance closed").isEqualTo(3.0);
            next.close();
        }
    }

    /** What an older worker's task context is like: no pluginMetrics() method. */
    static final class OldContext {
    }

    @Test
    void onAWorkerWithoutPluginMetricsTheMetricsGoToJmxAndLeaveWithTheTask() throws Exception {
        assertThat(TaskMetrics.hasPluginMetrics(new OldContext())).isFalse();
        javax.management.MBeanServer mbs = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName pattern = new javax.management.ObjectName(
                "kafka.connect:type=pgclone-task-metrics,connector=old-worker-clone,*");
        TaskMetrics m = TaskMetrics.create(new OldContext(), Map.of("name", "old-worker-clone"), "read");
        m.rows(11, 110);
        m.chunkDone();
        var names = mbs.queryNames(pattern, null);
        assertThat(names).hasSize(1);
        javax.management.ObjectName bean = names.iterator().next();
        assertThat(mbs.getAttribute(bean, "rows-total")).isEqualTo(11.0);
        assertThat(mbs.getAttribute(bean, "chunks-total")).isEqualTo(1.0);
        m.close();
        assertThat(mbs.queryNames(pattern, null)).isEmpty();
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
