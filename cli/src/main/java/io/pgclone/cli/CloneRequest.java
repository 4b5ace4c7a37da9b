package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;

import java.util.List;
import java.util.Map;

/**
 * What to clone, from where to where, as the CLI options said.
 *
 * @param what           the scope in words, for the first line of output
 * @param tables         the tables of a table scope (empty for schema and database scopes)
 * @param sourceSettings source connector settings beyond connection, ids and tables
 * @param sinkSettings   sink connector settings beyond connection and ids
 */
record CloneRequest(ConnInfo source, ConnInfo target, String what, List<String> tables, String cloneId,
                    String topicPrefix, int sourceTasks, int sinkTasks, Map<String, String> converters,
                    Map<String, String> sourceSettings, Map<String, String> sinkSettings) {

    CloneRequest withConverters(Map<String, String> c) {
        return new CloneRequest(source, target, what, tables, cloneId, topicPrefix, sourceTasks, sinkTasks, c,
                sourceSettings, sinkSettings);
    }
}
