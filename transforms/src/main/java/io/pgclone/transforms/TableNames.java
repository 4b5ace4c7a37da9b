package io.pgclone.transforms;

import io.pgclone.core.protocol.Topics;

/**
 * Which topic a table name in a transform's settings means: {@code name} is that table in any schema, and
 * {@code schema.name} that schema's, matched against the end of the topic name ({@code <prefix>.<schema>.<table>},
 * pgclone's and Debezium's layout alike).
 */
final class TableNames {
    private TableNames() {
    }

    static boolean matches(String table, String topic) {
        return topic.endsWith(Topics.suffix(table)) || topic.equals(Topics.suffix(table).substring(1));
    }
}
