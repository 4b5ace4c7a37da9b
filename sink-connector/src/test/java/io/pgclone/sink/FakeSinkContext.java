package io.pgclone.sink;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Records what a sink task asks of Connect: seeks, pauses, resumes and the requested timeout. */
final class FakeSinkContext implements SinkTaskContext {
    final Map<TopicPartition, Long> seeks = new HashMap<>();
    final Set<TopicPartition> paused = new HashSet<>();
    long timeout = -1;

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        seeks.putAll(offsets);
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
        seeks.put(tp, offset);
    }

    @Override
    public void timeout(long ms) {
        timeout = ms;
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.of();
    }

    @Override
    public void pause(TopicPartition... tps) {
        paused.addAll(Arrays.asList(tps));
    }

    @Override
    public void resume(TopicPartition... tps) {
        Arrays.asList(tps).forEach(paused::remove);
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return null;
    }
}
