package io.pgclone.core.conn;

import java.util.Locale;
import java.util.Set;

/**
 * A connection string as the user typed it, with every secret replaced by {@code ***}, for messages. It scans the
 * string the way the parser does (quoted libpq values, URI user info, query parameters) rather than matching a
 * pattern, and when it cannot tell where a secret ends it hides everything after it: it may hide too much, never
 * leak a fragment (a quoted password with spaces, a password holding '@').
 */
final class ConnStringRedaction {
    private static final String HIDDEN = "***";
    private static final Set<String> SECRET_KEYS = Set.of("password", "sslpassword");

    private ConnStringRedaction() {
    }

    static String redact(String s) {
        if (s == null) {
            return null;
        }
        int scheme = s.indexOf("://");
        return scheme >= 0 && !s.substring(0, scheme).contains("=") ? redactUri(s, scheme + 3) : redactKeywords(s);
    }

    /**
     * {@code scheme://user:secret@host/db?password=secret}: user info ends at the last '@' that is not in the query
     * (a password may hold '@'), and is hidden from its first ':'.
     */
    private static String redactUri(String s, int start) {
        StringBuilder out = new StringBuilder(s.substring(0, start));
        int at = s.lastIndexOf('@');
        int query = s.indexOf('?', start);
        if (query >= 0 && query < at && s.substring(query, at).contains("=")) {
            at = s.lastIndexOf('@', query);
        }
        String rest = s.substring(start);
        if (at >= start) {
            String userInfo = s.substring(start, at);
            int colon = userInfo.indexOf(':');
            out.append(colon < 0 ? userInfo : userInfo.substring(0, colon + 1) + HIDDEN).append('@');
            rest = s.substring(at + 1);
        }
        int q = rest.indexOf('?');
        if (q < 0) {
            return out.append(rest).toString();
        }
        out.append(rest, 0, q + 1);
        String[] pairs = rest.substring(q + 1).split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            int eq = pairs[i].indexOf('=');
            String key = eq < 0 ? pairs[i] : pairs[i].substring(0, eq);
            out.append(i > 0 ? "&" : "").append(eq >= 0 && isSecret(key) ? key + "=" + HIDDEN : pairs[i]);
        }
        return out.toString();
    }

    /** libpq {@code key=value} pairs; a quoted value runs to its closing quote (backslash escapes). */
    private static String redactKeywords(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = s.length();
        while (i < n) {
            int keyStart = i;
            while (i < n && s.charAt(i) != '=') {
                i++;
            }
            if (i >= n) {
                return out.append(s, keyStart, n).toString();
            }
            String key = s.substring(keyStart, i).trim();
            out.append(s, keyStart, i + 1);
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                out.append(s.charAt(i++));
            }
            int valueStart = i;
            if (i < n && s.charAt(i) == '\'') {
                i++;
                while (i < n && s.charAt(i) != '\'') {
                    i += s.charAt(i) == '\\' ? 2 : 1;
                }
                if (i >= n) {
                    // Unterminated: the secret's end is unknown, so nothing after it is shown.
                    return out.append(isSecret(key) ? HIDDEN : s.substring(valueStart)).toString();
                }
                i++;
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    i += s.charAt(i) == '\\' ? 2 : 1;
                }
            }
            i = Math.min(i, n);
            out.append(isSecret(key) ? HIDDEN : s.substring(valueStart, i));
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private static boolean isSecret(String key) {
        return SECRET_KEYS.contains(key.trim().toLowerCase(Locale.ROOT));
    }
}
