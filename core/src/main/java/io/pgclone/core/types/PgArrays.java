package io.pgclone.core.types;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's text form of one-dimensional arrays with default bounds: {@code {1,NULL,"a,b","q\"x"}}.
 * Anything else (more dimensions, explicit bounds such as {@code [0:1]={1,2}}) is not handled here: the caller
 * keeps the exact text instead.
 */
public final class PgArrays {
    private PgArrays() {
    }

    /** The elements (null for NULL), or null when the text is not a plain one-dimensional array. */
    public static List<String> parse(String s) {
        int n = s.length();
        if (n < 2 || s.charAt(0) != '{' || s.charAt(n - 1) != '}') {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (n == 2) {
            return out;
        }
        int i = 1;
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(i);
            if (c == '{') {
                return null; // nested: more than one dimension
            }
            if (c == '"') {
                b.setLength(0);
                i++;
                while (true) {
                    char q = s.charAt(i++);
                    if (q == '\\') {
                        b.append(s.charAt(i++));
                    } else if (q == '"') {
                        break;
                    } else {
                        b.append(q);
                    }
                }
                out.add(b.toString());
            } else {
                int start = i;
                while (s.charAt(i) != ',' && s.charAt(i) != '}') {
                    i++;
                }
                String e = s.substring(start, i);
                out.add(e.equalsIgnoreCase("NULL") ? null : e);
            }
            char sep = s.charAt(i++);
            if (sep == '}') {
                return i == n ? out : null;
            }
            if (sep != ',') {
                return null;
            }
        }
    }

    /** The array literal for the elements, quoting where PostgreSQL's parser needs it. */
    public static String format(List<String> elements) {
        StringBuilder b = new StringBuilder(2 + elements.size() * 8).append('{');
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String e = elements.get(i);
            if (e == null) {
                b.append("NULL");
            } else if (needsQuotes(e)) {
                b.append('"');
                for (int k = 0; k < e.length(); k++) {
                    char c = e.charAt(k);
                    if (c == '"' || c == '\\') {
                        b.append('\\');
                    }
                    b.append(c);
                }
                b.append('"');
            } else {
                b.append(e);
            }
        }
        return b.append('}').toString();
    }

    private static boolean needsQuotes(String e) {
        if (e.isEmpty() || e.equalsIgnoreCase("NULL")) {
            return true;
        }
        for (int k = 0; k < e.length(); k++) {
            char c = e.charAt(k);
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || c == ' ' || c == '\t' || c == '\n'
                    || c == '\r' || c == 0x0b || c == '\f') {
                return true;
            }
        }
        return false;
    }
}
