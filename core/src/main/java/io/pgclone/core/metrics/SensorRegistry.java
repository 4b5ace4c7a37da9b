package io.pgclone.core.metrics;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;

import java.util.Map;

/**
 * Where a task's sensors are registered: the worker's plugin metrics (Connect 4.1+), or a registry of the plugin's
 * own on older workers. Only {@link Kafka41Sensors} names the 4.1 types, so nothing else links against them.
 */
interface SensorRegistry {
    /** A new sensor; {@link IllegalArgumentException} when one of the metric names added to it is taken. */
    Sensor sensor(String name);

    MetricName name(String name, String description, Map<String, String> tags);

    void remove(String sensorName);
}
