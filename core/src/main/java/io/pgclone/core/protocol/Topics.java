package io.pgclone.core.protocol;

import io.pgclone.core.sql.QualifiedName;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Topic names: one data topic per table, {@code <prefix>.<schema>.<table>}, and one control topic,
 * {@code <prefix>._control}. Characters Kafka does not allow in topic names become {@code _}.
 */
public final class Topics {
    public static final String CONTROL_SUFFIX = "._control";
    private static final int MAX_TOPIC_LENGTH = 249;

    private Topics() {
    }

    public static String control(String prefix) {
        return prefix + CONTROL_SUFFIX;
    }

    public static String data(String prefix, QualifiedName table) {
        String t = prefix + "." + sanitize(table.schema()) + "." + sanitize(table.name());
        if (t.length() > MAX_TOPIC_LENGTH) {
            throw new IllegalArgumentException("the topic of table " + table + " would be " + t.length() + " characters long;"
                    + " Kafka allows 249: choose a shorter topic.prefix");
        }
        return t;
    }

    /**
     * How the data topic of a table ends: {@code .<schema>.<table>} for {@code schema.table}, {@code .<table>} for a
     * bare name (that table in any schema). Names are written as in SQL: double-quoted when they need it.
     */
    public static String suffix(String table) {
        QualifiedName n = QualifiedName.parse(table);
        boolean qualified = false;
        boolean quoted = false;
        for (char c : table.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                qualified = true;
            }
        }
        return (qualified ? "." + sanitize(n.schema()) : "") + "." + sanitize(n.name());
    }

    /**
     * Two tables whose names differ only in characters topics cannot hold would share a data topic: the first such
     * pair, as a message naming both, or null when every table has a topic of its own.
     */
    public static String collision(String prefix, Collection<QualifiedName> tables) {
        Map<String, QualifiedName> seen = new HashMap<>();
        for (QualifiedName t : tables) {
            QualifiedName other = seen.putIfAbsent(data(prefix, t), t);
            if (other != null) {
                return "tables " + other + " and " + t + " would share the topic " + data(prefix, t)
                        + " (topic names cannot hold some characters of theirs): clone them in separate clones";
            }
        }
        return null;
    }

    public static boolean isControl(String topic) {
        return topic.endsWith(CONTROL_SUFFIX);
    }

    /** What is wrong with a topic prefix (letters, digits, '.', '_' and '-', at most 199 of them), or null. */
    public static String prefixProblem(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "is empty";
        }
        if (!prefix.matches("[A-Za-z0-9._-]+")) {
            return "use letters, digits, '.', '_' and '-' only";
        }
        return prefix.length() >= 200 ? "is " + prefix.length() + " characters long; at most 199 leave room for the"
                + " schema and table in topic names" : null;
    }

    static String sanitize(String part) {
        StringBuilder b = new StringBuilder(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            b.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                    ? c : '_');
        }
        return b.toString();
    }
}
