package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;

import java.util.List;

/** What to clone, from where to where, as the CLI options said. */
record CloneRequest(ConnInfo source, ConnInfo target, List<String> tables, String cloneId, String topicPrefix,
                    int sourceTasks, int sinkTasks, java.util.Map<String, String> converters,
                    java.util.Map<String, String> sourceSettings) {

    CloneRequest withConverters(java.util.Map<String, String> c) {
        return new CloneRequest(source, target, tables, cloneId, topicPrefix, sourceTasks, sinkTasks, c, sourceSettings);
    }
}
