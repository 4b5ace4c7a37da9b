package io.pgclone.core.filter;

import io.pgclone.core.filter.Token.Kind;

import java.io.ByteArrayOutputStream;

/**
 * The quoted tokens of scan.l: standard, E'' (escapes), U&'' (Unicode escapes and UESCAPE), bit and dollar-quoted
 * strings, quoted names, and string continuation over a newline.
 */
abstract class QuotedTokens extends LexerCursor {

    QuotedTokens(String s) {
        super(s);
    }

    void standardString() {
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

    void escapeString() {
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

    void backslashEscape(ByteArrayOutputStream bytes) {
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

    int hexCodePoint(int digits) {
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

    void unicodeString() {
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

    void quotedName(boolean unicode) {
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
    char uescape() {
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

    String unicodeEscapes(String raw, char esc) {
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

    void bitString(char prefix) {
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
    void dollar() {
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

    static boolean isDollarTagChar(char c, boolean first) {
        return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= 0x80 || !first && Character.isDigit(c);
    }

    /**
     * scan.l's quote continuation: a string ends at its closing quote unless only white space holding a newline
     * separates it from another opening quote, which continues it.
     */
    boolean continuation() {
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
}
