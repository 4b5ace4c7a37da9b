package io.pgclone.core.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into tokens the way PostgreSQL's scanner delimits them: comments ({@code --}, nested
 * {@code /* *}{@code /}), string literals with their prefix ({@code E''} with backslash escapes, {@code N''},
 * {@code B''}, {@code X''}, {@code U&''}), dollar-quoted strings, quoted and unquoted identifiers, and single
 * characters for everything else. Total: any text, even text that is not SQL, splits into tokens (an unterminated
 * literal runs to the end), so callers can scan literal contents and foreign-language bodies with it too.
 */
final class SqlTokens {
    enum Kind { SPACE, COMMENT, STRING, DOLLAR, QUOTED_IDENT, IDENT, OTHER }

    /**
     * One token: {@code text} is its source text; {@code value} the identifier (unquoted ones folded to lower case,
     * as the server folds them: ASCII letters only), the literal's content (quotes undone), or the dollar body.
     */
    record Token(Kind kind, String text, String value, String prefix) {
        boolean is(Kind k) {
            return kind == k;
        }

        boolean isIdentifier() {
            return kind == Kind.IDENT || kind == Kind.QUOTED_IDENT;
        }

        boolean isSignificant() {
            return kind != Kind.SPACE && kind != Kind.COMMENT;
        }

        boolean isChar(char c) {
            return kind == Kind.OTHER && text.length() == 1 && text.charAt(0) == c;
        }

        /** An unquoted word, folded: keywords are recognised by this. */
        boolean isWord(String lower) {
            return kind == Kind.IDENT && value.equals(lower);
        }
    }

    private final String sql;
    private int i;

    private SqlTokens(String sql) {
        this.sql = sql;
    }

    static List<Token> of(String sql) {
        return new SqlTokens(sql).all();
    }

    private List<Token> all() {
        List<Token> out = new ArrayList<>();
        while (i < sql.length()) {
            out.add(next());
        }
        return out;
    }

    private Token next() {
        int start = i;
        char c = sql.charAt(i);
        if (isSpace(c)) {
            while (i < sql.length() && isSpace(sql.charAt(i))) {
                i++;
            }
            return token(Kind.SPACE, start, null, null);
        }
        if (c == '-' && peek(1) == '-') {
            int nl = sql.indexOf('\n', i);
            i = nl < 0 ? sql.length() : nl;
            return token(Kind.COMMENT, start, null, null);
        }
        if (c == '/' && peek(1) == '*') {
            blockComment();
            return token(Kind.COMMENT, start, null, null);
        }
        if (c == '\'') {
            return string(start, "");
        }
        if (c == '"') {
            return quotedIdent(start);
        }
        if (c == '$' && (start == 0 || !isIdentPart(sql.charAt(start - 1)))) {
            Token d = dollar(start);
            if (d != null) {
                return d;
            }
        }
        if (isIdentStart(c)) {
            // A one-letter prefix glued to a quote starts a special literal: E'', N'', B'', X''; U& too.
            if (peek(1) == '\'' && "EeNnBbXx".indexOf(c) >= 0) {
                i++;
                return string(start, String.valueOf(Character.toUpperCase(c)));
            }
            if ((c == 'U' || c == 'u') && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
                i += 2;
                return peek(0) == '\'' ? string(start, "U&") : quotedIdent(start);
            }
            while (i < sql.length() && isIdentPart(sql.charAt(i))) {
                i++;
            }
            return token(Kind.IDENT, start, fold(sql.substring(start, i)), null);
        }
        i++;
        return token(Kind.OTHER, start, null, null);
    }

    private Token string(int start, String prefix) {
        return token(Kind.STRING, start, quoted('\'', prefix.equals("E")), prefix);
    }

    private Token quotedIdent(int start) {
        return token(Kind.QUOTED_IDENT, start, quoted('"', false), null);
    }

    /**
     * The content between the quote at {@code i} and its closing quote (a doubled quote is one quote character);
     * with {@code escapes}, a backslash keeps the next character inside, as written (callers do not decode escapes).
     */
    private String quoted(char quote, boolean escapes) {
        i++; // the opening quote
        StringBuilder v = new StringBuilder();
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (escapes && c == '\\' && i + 1 < sql.length()) {
                v.append(c).append(sql.charAt(i + 1));
                i += 2;
            } else if (c == quote && peek(1) == quote) {
                v.append(quote);
                i += 2;
            } else if (c == quote) {
                i++;
                return v.toString();
            } else {
                v.append(c);
                i++;
            }
        }
        return v.toString();
    }

    /** {@code $tag$ ... $tag$}, or null when the {@code $} starts no dollar quote (a parameter, an operator). */
    private Token dollar(int start) {
        int j = start + 1;
        if (j < sql.length() && sql.charAt(j) != '$') {
            if (!isIdentStart(sql.charAt(j))) {
                return null;
            }
            while (j < sql.length() && isIdentPart(sql.charAt(j)) && sql.charAt(j) != '$') {
                j++;
            }
        }
        if (j >= sql.length() || sql.charAt(j) != '$') {
            return null;
        }
        String tag = sql.substring(start, j + 1);
        int close = sql.indexOf(tag, j + 1);
        int end = close < 0 ? sql.length() : close + tag.length();
        String body = sql.substring(j + 1, close < 0 ? sql.length() : close);
        i = end;
        return token(Kind.DOLLAR, start, body, tag);
    }

    private void blockComment() {
        int depth = 0;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                i++;
            }
        }
    }

    private char peek(int ahead) {
        return i + ahead < sql.length() ? sql.charAt(i + ahead) : '\0';
    }

    private Token token(Kind kind, int start, String value, String prefix) {
        return new Token(kind, sql.substring(start, i), value, prefix);
    }

    /** As the server folds an unquoted identifier: ASCII letters only (it leaves {@code É} as it is). */
    static String fold(String ident) {
        StringBuilder b = new StringBuilder(ident.length());
        for (int k = 0; k < ident.length(); k++) {
            char c = ident.charAt(k);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b';
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
    }
}
