package io.pgclone.core.filter;

import io.pgclone.core.filter.Token.Kind;

import java.util.List;

/**
 * Cuts a row filter into tokens by PostgreSQL's own lexical rules (src/backend/parser/scan.l): where a string,
 * a quoted name, a dollar-quoted string, a comment and an operator begin and end, E'' escapes, U&'' escapes and
 * UESCAPE, string continuation over a newline, and the rules that cut {@code =-} into two operators.
 *
 * <p>Safety does not rest on this class agreeing with the server on every input: what reaches the server is the
 * tokens written back in a canonical form ({@link Token#sql()}), which every server lexes into exactly these
 * tokens. Where this class reads the user's text differently from PostgreSQL, the filter means something else or
 * fails, it never smuggles a second statement. Comments are dropped; a semicolon or a parameter is refused.
 */
final class WhereLexer extends QuotedTokens {
    private static final String OP_CHARS = "~!@#^&|`?+-*/%<>=";
    /** Characters that let an operator end in + or - (scan.l: those not in SQL's own operators). */
    private static final String NON_SQL_OP_CHARS = "~!@#^&|`?%";

    private WhereLexer(String s) {
        super(s);
    }

    /** The tokens of {@code text}; {@link IllegalArgumentException} saying what is wrong and where. */
    static List<Token> tokens(String text) {
        WhereLexer l = new WhereLexer(text);
        l.run();
        return l.out;
    }

    private void run() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '-' && peek(1) == '-') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == ';') {
                throw fail("holds a semicolon: a filter is one expression");
            } else if (c == '\'') {
                standardString();
            } else if (c == '"') {
                quotedName(false);
            } else if (c == '$') {
                dollar();
            } else if ((c == 'E' || c == 'e') && peek(1) == '\'') {
                i++;
                escapeString();
            } else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x') && peek(1) == '\'') {
                bitString(Character.toUpperCase(c));
            } else if ((c == 'N' || c == 'n') && peek(1) == '\'') {
                throw fail("holds a national character string N'...': write it as '...'");
            } else if ((c == 'U' || c == 'u') && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
                i += 2;
                if (s.charAt(i) == '\'') {
                    unicodeString();
                } else {
                    quotedName(true);
                }
            } else if (isIdentStart(c)) {
                name();
            } else if (Character.isDigit(c) || c == '.' && Character.isDigit(peek(1))) {
                number();
            } else if (OP_CHARS.indexOf(c) >= 0) {
                operator();
            } else if (c == ':' && peek(1) == ':') {
                punct("::", 2);
            } else if (c == ':' && peek(1) == '=') {
                punct(":=", 2);
            } else if (c == '.' && peek(1) == '.') {
                punct("..", 2);
            } else if ("()[],.:".indexOf(c) >= 0) {
                punct(String.valueOf(c), 1);
            } else {
                throw fail("holds an unexpected character '" + printable(c) + "'");
            }
        }
    }

    // ---- names and numbers

    private void name() {
        int start = i;
        while (i < s.length() && isIdentCont(s.charAt(i))) {
            i++;
        }
        String raw = s.substring(start, i);
        StringBuilder folded = new StringBuilder(raw.length());
        for (char ch : raw.toCharArray()) {
            folded.append(ch >= 'A' && ch <= 'Z' ? (char) (ch + ('a' - 'A')) : ch);
        }
        String v = folded.toString();
        out.add(new Token(Kind.NAME, v, v));
    }

    private void number() {
        int start = i;
        if (s.charAt(i) == '0' && "xXoObB".indexOf(peek(1)) >= 0 && isRadixDigit(peek(2), peek(1))) {
            char radix = peek(1);
            i += 2;
            while (i < s.length() && (isRadixDigit(s.charAt(i), radix) || s.charAt(i) == '_')) {
                i++;
            }
        } else {
            digits();
            if (i < s.length() && s.charAt(i) == '.' && peek(1) != '.') {
                i++;
                digits();
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                int mark = i;
                i++;
                if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                if (i < s.length() && Character.isDigit(s.charAt(i))) {
                    digits();
                } else {
                    i = mark;
                }
            }
        }
        if (i < s.length() && isIdentCont(s.charAt(i))) {
            throw fail("has trailing junk after the number " + s.substring(start, i));
        }
        String v = s.substring(start, i);
        out.add(new Token(Kind.NUMBER, v, v));
    }

    private void digits() {
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '_' && Character.isDigit(peek(1)))) {
            i++;
        }
    }

    private static boolean isRadixDigit(char c, char radix) {
        return switch (Character.toLowerCase(radix)) {
            case 'x' -> Character.digit(c, 16) >= 0;
            case 'o' -> c >= '0' && c <= '7';
            default -> c == '0' || c == '1';
        };
    }

    // ---- operators and punctuation

    /** scan.l's operator rule: the longest run of operator characters, cut before a comment, trailing +/- rule. */
    private void operator() {
        int start = i;
        int end = i;
        while (end < s.length() && OP_CHARS.indexOf(s.charAt(end)) >= 0) {
            end++;
        }
        String run = s.substring(start, end);
        int n = run.length();
        int comment = minPositive(run.indexOf("/*"), run.indexOf("--"));
        if (comment >= 0) {
            n = comment;
        }
        if (n > 1 && (run.charAt(n - 1) == '+' || run.charAt(n - 1) == '-')) {
            boolean special = false;
            for (int k = n - 2; k >= 0; k--) {
                if (NON_SQL_OP_CHARS.indexOf(run.charAt(k)) >= 0) {
                    special = true;
                    break;
                }
            }
            if (!special) {
                do {
                    n--;
                } while (n > 1 && (run.charAt(n - 1) == '+' || run.charAt(n - 1) == '-'));
            }
        }
        String op = run.substring(0, n);
        i = start + n;
        if (op.equals("=>")) {
            out.add(new Token(Kind.PUNCTUATION, op, op));
        } else {
            String v = op.equals("!=") ? "<>" : op; // the grammar reads != as <>
            out.add(new Token(Kind.OPERATOR, v, op));
        }
    }

    private static int minPositive(int a, int b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    private void punct(String p, int len) {
        i += len;
        out.add(new Token(Kind.PUNCTUATION, p, p));
    }

    // ---- comments

    private void skipLineComment() {
        while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
            i++;
        }
    }

    private void skipBlockComment() {
        int depth = 0;
        int start = i;
        while (i < s.length()) {
            if (s.charAt(i) == '/' && peek(1) == '*') {
                depth++;
                i += 2;
            } else if (s.charAt(i) == '*' && peek(1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                i++;
            }
        }
        i = start;
        throw fail("has an unterminated /* comment");
    }
}
