package io.pgclone.core.filter;

import io.pgclone.core.filter.Token.Kind;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
final class WhereLexer {
    private static final String OP_CHARS = "~!@#^&|`?+-*/%<>=";
    /** Characters that let an operator end in + or - (scan.l: those not in SQL's own operators). */
    private static final String NON_SQL_OP_CHARS = "~!@#^&|`?%";

    private final String s;
    private int i;
    private final List<Token> out = new ArrayList<>();

    private WhereLexer(String s) {
        this.s = s;
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

    // ---- strings and quoted names

    private void standardString() {
        StringBuilder v = new StringBuilder();
        do {
            i++; // the opening quote
            while (true) {
                if (i >= s.length()) {
                    throw fail("has an unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '\'') {
                    if (peek(0) == '\'') {
                        v.append('\'');
                        i++;
                    } else {
                        break;
                    }
                } else {
                    v.append(c);
                }
            }
        } while (continuation());
        addString(v.toString());
    }

    private void escapeString() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        do {
            i++;
            while (true) {
                if (i >= s.length()) {
                    throw fail("has an unterminated E'' string");
                }
                char c = s.charAt(i++);
                if (c == '\'') {
                    if (peek(0) == '\'') {
                        bytes.write('\'');
                        i++;
                    } else {
                        break;
                    }
                } else if (c == '\\') {
                    backslashEscape(bytes);
                } else {
                    utf8(bytes, c);
                }
            }
        } while (continuation());
        addString(decodeUtf8(bytes.toByteArray()));
    }

    private void backslashEscape(ByteArrayOutputStream bytes) {
        if (i >= s.length()) {
            throw fail("has an unterminated E'' string");
        }
        char c = s.charAt(i++);
        switch (c) {
            case 'b' -> bytes.write('\b');
            case 'f' -> bytes.write('\f');
            case 'n' -> bytes.write('\n');
            case 'r' -> bytes.write('\r');
            case 't' -> bytes.write('\t');
            case 'v' -> bytes.write(0x0B);
            case 'x' -> {
                int v = 0;
                int n = 0;
                while (n < 2 && i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
                    v = v * 16 + Character.digit(s.charAt(i++), 16);
                    n++;
                }
                if (n == 0) {
                    bytes.write('x');
                } else {
                    bytes.write(v);
                }
            }
            case 'u', 'U' -> {
                int n = c == 'u' ? 4 : 8;
                utf8(bytes, hexCodePoint(n));
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int v = c - '0';
                    int n = 1;
                    while (n < 3 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7') {
                        v = v * 8 + (s.charAt(i++) - '0');
                        n++;
                    }
                    bytes.write(v & 0xFF);
                } else {
                    utf8(bytes, c);
                }
            }
        }
    }

    private int hexCodePoint(int digits) {
        if (i + digits > s.length()) {
            throw fail("has an invalid Unicode escape");
        }
        int cp = 0;
        for (int k = 0; k < digits; k++) {
            int d = Character.digit(s.charAt(i++), 16);
            if (d < 0) {
                throw fail("has an invalid Unicode escape");
            }
            cp = cp * 16 + d;
        }
        if (!Character.isValidCodePoint(cp) || cp >= 0xD800 && cp <= 0xDFFF) {
            throw fail("has an invalid Unicode escape value");
        }
        return cp;
    }

    private void unicodeString() {
        StringBuilder raw = new StringBuilder();
        do {
            i++;
            while (true) {
                if (i >= s.length()) {
                    throw fail("has an unterminated U&'' string");
                }
                char c = s.charAt(i++);
                if (c == '\'') {
                    if (peek(0) == '\'') {
                        raw.append('\'');
                        i++;
                    } else {
                        break;
                    }
                } else {
                    raw.append(c);
                }
            }
        } while (continuation());
        addString(unicodeEscapes(raw.toString(), uescape()));
    }

    private void quotedName(boolean unicode) {
        StringBuilder v = new StringBuilder();
        i++;
        while (true) {
            if (i >= s.length()) {
                throw fail("has an unterminated quoted name");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                if (peek(0) == '"') {
                    v.append('"');
                    i++;
                } else {
                    break;
                }
            } else {
                v.append(c);
            }
        }
        String name = unicode ? unicodeEscapes(v.toString(), uescape()) : v.toString();
        if (name.isEmpty()) {
            throw fail("has a zero-length quoted name \"\"");
        }
        if (name.indexOf('\0') >= 0) {
            throw fail("has a quoted name holding a zero byte");
        }
        out.add(new Token(Kind.QUOTED_NAME, name, '"' + name.replace("\"", "\"\"") + '"'));
    }

    /** An optional {@code UESCAPE 'c'} after a U&'' string or name; the escape character (default backslash). */
    private char uescape() {
        int save = i;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        if (s.regionMatches(true, i, "uescape", 0, 7) && (i + 7 >= s.length() || !isIdentCont(s.charAt(i + 7)))) {
            i += 7;
            while (i < s.length() && isSpace(s.charAt(i))) {
                i++;
            }
            if (i + 2 < s.length() && s.charAt(i) == '\'' && s.charAt(i + 2) == '\'') {
                char e = s.charAt(i + 1);
                if (Character.digit(e, 16) >= 0 || e == '+' || e == '\'' || e == '"' || isSpace(e)) {
                    throw fail("has an invalid UESCAPE character");
                }
                i += 3;
                return e;
            }
            throw fail("has UESCAPE without a one-character string after it");
        }
        i = save;
        return '\\';
    }

    private String unicodeEscapes(String raw, char esc) {
        StringBuilder v = new StringBuilder();
        int k = 0;
        while (k < raw.length()) {
            char c = raw.charAt(k);
            if (c != esc) {
                v.append(c);
                k++;
                continue;
            }
            if (k + 1 < raw.length() && raw.charAt(k + 1) == esc) {
                v.append(esc);
                k += 2;
                continue;
            }
            int digits = k + 1 < raw.length() && raw.charAt(k + 1) == '+' ? 6 : 4;
            int from = k + (digits == 6 ? 2 : 1);
            if (from + digits > raw.length()) {
                throw fail("has an invalid Unicode escape");
            }
            int cp = 0;
            for (int d = 0; d < digits; d++) {
                int h = Character.digit(raw.charAt(from + d), 16);
                if (h < 0) {
                    throw fail("has an invalid Unicode escape");
                }
                cp = cp * 16 + h;
            }
            if (!Character.isValidCodePoint(cp) || cp >= 0xD800 && cp <= 0xDFFF || cp == 0) {
                throw fail("has an invalid Unicode escape value");
            }
            v.appendCodePoint(cp);
            k = from + digits;
        }
        return v.toString();
    }

    private void bitString(char prefix) {
        i++; // the letter
        StringBuilder v = new StringBuilder();
        do {
            i++;
            while (true) {
                if (i >= s.length()) {
                    throw fail("has an unterminated bit string");
                }
                char c = s.charAt(i++);
                if (c == '\'') {
                    break;
                }
                boolean ok = prefix == 'B' ? c == '0' || c == '1' : Character.digit(c, 16) >= 0;
                if (!ok) {
                    throw fail("has a " + (prefix == 'B' ? "binary" : "hexadecimal") + " bit string with '"
                            + printable(c) + "' in it");
                }
                v.append(c);
            }
        } while (continuation());
        out.add(new Token(Kind.BIT_STRING, v.toString(), prefix + "'" + v + "'"));
    }

    /** $tag$...$tag$ (a string), or $1 (a parameter, refused). */
    private void dollar() {
        int j = i + 1;
        if (j < s.length() && Character.isDigit(s.charAt(j))) {
            throw fail("holds a parameter ($" + s.charAt(j) + "...): a filter cannot take parameters");
        }
        while (j < s.length() && isDollarTagChar(s.charAt(j), j == i + 1)) {
            j++;
        }
        if (j >= s.length() || s.charAt(j) != '$') {
            throw fail("has a '$' that starts neither a $tag$ string nor a name");
        }
        String tag = s.substring(i, j + 1);
        int close = s.indexOf(tag, j + 1);
        if (close < 0) {
            throw fail("has an unterminated " + tag + " string");
        }
        String v = s.substring(j + 1, close);
        i = close + tag.length();
        addString(v);
    }

    private static boolean isDollarTagChar(char c, boolean first) {
        return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= 0x80 || !first && Character.isDigit(c);
    }

    /**
     * scan.l's quote continuation: a string ends at its closing quote unless only white space holding a newline
     * separates it from another opening quote, which continues it.
     */
    private boolean continuation() {
        int j = i;
        boolean newline = false;
        while (j < s.length() && isSpace(s.charAt(j))) {
            newline |= s.charAt(j) == '\n' || s.charAt(j) == '\r';
            j++;
        }
        if (newline && j < s.length() && s.charAt(j) == '\'') {
            i = j;
            return true;
        }
        return false;
    }

    private void addString(String v) {
        if (v.indexOf('\0') >= 0) {
            throw fail("has a string holding a zero byte");
        }
        out.add(new Token(Kind.STRING, v, literal(v)));
    }

    /**
     * A string constant every server reads as {@code v} whatever standard_conforming_strings says: '...' when
     * there is no backslash, otherwise E'...' with backslashes doubled.
     */
    static String literal(String v) {
        String quoted = v.replace("'", "''");
        return v.indexOf('\\') < 0 ? "'" + quoted + "'" : "E'" + quoted.replace("\\", "\\\\") + "'";
    }

    // ---- characters

    private char peek(int ahead) {
        return i + ahead < s.length() ? s.charAt(i + ahead) : 0;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static boolean isIdentStart(char c) {
        return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= 0x80;
    }

    private static boolean isIdentCont(char c) {
        return isIdentStart(c) || c >= '0' && c <= '9' || c == '$';
    }

    private static void utf8(ByteArrayOutputStream out, int codePoint) {
        out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
    }

    private String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw fail("has an E'' string whose escapes are not valid UTF-8");
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7F ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private IllegalArgumentException fail(String what) {
        return new IllegalArgumentException(what + " (at character " + (i + 1) + ")");
    }
}
