package io.pgclone.core.protocol;

import io.pgclone.core.sql.QualifiedName;

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
            throw new IllegalArgumentException("topic name for " + table + " would exceed 249 characters");
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

    public static boolean isControl(String topic) {
        return topic.endsWith(CONTROL_SUFFIX);
    }

    /** A valid topic prefix: letters, digits, '.', '_' and '-' only. */
    public static boolean isValidPrefix(String prefix) {
        return prefix != null && !prefix.isEmpty() && prefix.length() < 200 && prefix.matches("[A-Za-z0-9._-]+");
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
