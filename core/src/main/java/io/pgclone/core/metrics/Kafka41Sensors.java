package io.pgclone.core.metrics;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * KIP-877 plugin metrics (Connect 4.1+): the worker tags them with the connector and task, and every metrics
 * reporter of the worker sees them. Loaded only once {@link TaskMetrics} has seen that the worker has them.
 */
final class Kafka41Sensors implements SensorRegistry {
    private final PluginMetrics pm;

    Kafka41Sensors(PluginMetrics pm) {
        this.pm = pm;
    }

    /** The task context's plugin metrics; the method exists, {@link TaskMetrics#hasPluginMetrics} checked it. */
    static Kafka41Sensors of(Object taskContext) throws ReflectiveOperationException {
        return new Kafka41Sensors((PluginMetrics) taskContext.getClass().getMethod("pluginMetrics").invoke(taskContext));
    }

    @Override
    public Sensor sensor(String name) {
        return pm.addSensor(name);
    }

    @Override
    public MetricName name(String name, String description, Map<String, String> tags) {
        return pm.metricName(name, description, new LinkedHashMap<>(tags));
    }

    @Override
    public void remove(String sensorName) {
        pm.removeSensor(sensorName);
    }
}
