package io.pgclone.core.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code schema.name} pair as users write it in settings: unquoted parts are folded to lower case as PostgreSQL
 * does (ASCII letters only: the server leaves {@code É} as it is), double-quoted parts are taken literally
 * ({@code "My Schema"."Odd.Name"}). A bare name means schema {@code public}. A part longer than 63 bytes is refused:
 * the server would silently truncate it to another name.
 */
public record QualifiedName(String schema, String name) {

    public static QualifiedName parse(String text) {
        List<String> parts = split(text.trim());
        if (parts.size() == 1) {
            return new QualifiedName("public", parts.get(0));
        }
        if (parts.size() == 2) {
            return new QualifiedName(parts.get(0), parts.get(1));
        }
        throw new IllegalArgumentException("'" + text + "' is not a table name: expected table or schema.table");
    }

    private static List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        boolean partStarted = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char q = s.charAt(i++);
                    if (q == '"') {
                        if (i < s.length() && s.charAt(i) == '"') {
                            cur.append('"');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        cur.append(q);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quoted identifier in '" + s + "'");
                }
                partStarted = true;
            } else if (c == '.') {
                if (!partStarted) {
                    throw new IllegalArgumentException("empty name part in '" + s + "'");
                }
                parts.add(cur.toString());
                cur.setLength(0);
                partStarted = false;
                i++;
            } else if (Character.isWhitespace(c)) {
                throw new IllegalArgumentException("unexpected space in '" + s + "' (quote names that contain spaces)");
            } else {
                cur.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
                partStarted = true;
                i++;
            }
        }
        if (!partStarted) {
            throw new IllegalArgumentException("empty name part in '" + s + "'");
        }
        parts.add(cur.toString());
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty quoted name in '" + s + "'");
            }
            if (!Identifiers.fits(p)) {
                throw new IllegalArgumentException("name " + display(p) + " in '" + s + "' is " + Identifiers.bytes(p)
                        + " bytes long; PostgreSQL names hold at most " + Identifiers.MAX_NAME_BYTES + " bytes");
            }
        }
        return parts;
    }

    /** The quoted SQL form, {@code "schema"."name"}. */
    public String sql() {
        return Identifiers.qualified(schema, name);
    }

    /** The form users write, quoting only where needed. */
    @Override
    public String toString() {
        return display(schema) + "." + display(name);
    }

    private static String display(String part) {
        return NameList.display(part);
    }
}
