package io.pgclone.core.sql;

import java.util.Locale;
import java.util.Set;

/**
 * Checks a {@code where} option before it goes into a COPY query as {@code WHERE (<expr>)}: one expression, nothing
 * else. Rejected: a semicolon, a comment, unbalanced parentheses (which could close the query's own), an
 * unterminated literal, and any keyword that writes or changes state, even inside a subquery. The server then
 * checks it is a valid expression over the table (EXPLAIN, in validate), and the read runs READ ONLY regardless.
 */
public final class WhereClause {
    private static final Set<String> FORBIDDEN = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "DROP", "CREATE",
            "ALTER", "TRUNCATE", "GRANT", "REVOKE", "COPY", "VACUUM", "ANALYZE", "ANALYSE", "CLUSTER", "REINDEX",
            "COMMENT", "SECURITY", "LOCK", "CALL", "DO", "EXECUTE", "PREPARE", "DEALLOCATE", "LISTEN", "NOTIFY",
            "UNLISTEN", "SET", "RESET", "DISCARD", "LOAD", "IMPORT", "REFRESH", "INTO", "BEGIN", "COMMIT", "ROLLBACK",
            "SAVEPOINT", "RELEASE", "CHECKPOINT", "RETURNING");

    private WhereClause() {
    }

    /** The expression, stripped; {@link IllegalArgumentException} saying what is wrong. */
    public static String check(String where) {
        if (where == null || where.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String s = where.strip();
        int depth = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ';') {
                throw new IllegalArgumentException("holds a semicolon: only one expression is allowed");
            } else if (c == '-' && next(s, i) == '-' || c == '/' && next(s, i) == '*') {
                throw new IllegalArgumentException("holds a comment");
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                if (--depth < 0) {
                    throw new IllegalArgumentException("closes a parenthesis it did not open");
                }
                i++;
            } else if (c == '\'') {
                i = endOfQuoted(s, i, '\'', i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e'));
            } else if (c == '"') {
                i = endOfQuoted(s, i, '"', false);
            } else if (c == '$' && dollarTag(s, i) != null) {
                String tag = dollarTag(s, i);
                int close = s.indexOf(tag, i + tag.length());
                if (close < 0) {
                    throw new IllegalArgumentException("has an unterminated " + tag + " string");
                }
                i = close + tag.length();
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'
                        || s.charAt(end) == '$')) {
                    end++;
                }
                String word = s.substring(i, end).toUpperCase(Locale.ROOT);
                if (FORBIDDEN.contains(word)) {
                    throw new IllegalArgumentException("holds " + word + ": only a read-only expression is allowed");
                }
                i = end;
            } else {
                i++;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("leaves " + depth + " parenthesis(es) open");
        }
        return s;
    }

    private static char next(String s, int i) {
        return i + 1 < s.length() ? s.charAt(i + 1) : 0;
    }

    private static int endOfQuoted(String s, int start, char q, boolean backslashEscapes) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == q) {
                if (next(s, i) == q) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("has an unterminated " + (q == '"' ? "quoted name" : "string"));
    }

    /** {@code $tag$} starting at {@code i}, or null. */
    private static String dollarTag(String s, int i) {
        if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
            return null; // part of a name like a$b
        }
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        if (j < s.length() && s.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)))) {
            return s.substring(i, j + 1);
        }
        return null;
    }
}
