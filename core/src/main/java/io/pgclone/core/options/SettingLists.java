package io.pgclone.core.options;

import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated list of names as users write it in settings ({@code tables}, {@code schemas}, the rename
 * pairs): it splits at commas outside double quotes, so {@code "a,b".t} is one name, where Kafka's list type would
 * cut it in two. Items are trimmed; an empty item is refused.
 */
public final class SettingLists {
    private SettingLists() {
    }

    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted; // a doubled quote inside a name toggles twice: still inside
            }
            if (c == ',' && !quoted) {
                add(out, cur, text);
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted name in '" + text + "'");
        }
        add(out, cur, text);
        return out;
    }

    private static void add(List<String> out, StringBuilder item, String text) {
        String s = item.toString().strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty name in the list '" + text + "'");
        }
        out.add(s);
    }
}
