package io.pgclone.core.metrics;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Time;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * On workers without plugin metrics (before Connect 4.1): one registry for the plugin, reported over JMX in the
 * worker's own domain, {@code kafka.connect:type=pgclone-task-metrics,connector=...,task=...}, with the same metric
 * names as on 4.1. Only JMX sees them there (the worker's other metrics reporters do not).
 */
final class OwnSensors implements SensorRegistry {
    static final String GROUP = "pgclone-task-metrics";
    private static final Metrics METRICS = registry();

    private final Map<String, String> taskTags;

    OwnSensors(String connector, String task) {
        this.taskTags = new LinkedHashMap<>();
        taskTags.put("connector", connector);
        taskTags.put("task", task);
    }

    private static Metrics registry() {
        JmxReporter jmx = new JmxReporter();
        jmx.configure(Map.of());
        List<MetricsReporter> reporters = List.of(jmx);
        return new Metrics(new MetricConfig(), reporters, Time.SYSTEM, new KafkaMetricsContext("kafka.connect"));
    }

    @Override
    public Sensor sensor(String name) {
        return METRICS.sensor(name);
    }

    @Override
    public MetricName name(String name, String description, Map<String, String> tags) {
        Map<String, String> all = new LinkedHashMap<>(taskTags);
        all.putAll(tags);
        return METRICS.metricName(name, GROUP, description, all);
    }

    @Override
    public void remove(String sensorName) {
        METRICS.removeSensor(sensorName);
    }
}
