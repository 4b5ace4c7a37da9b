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
 * The row filter's text as the lexer walks it: the position, the tokens cut so far, and scan.l's character classes
 * and errors, for {@link QuotedTokens} and {@link WhereLexer}.
 */
abstract class LexerCursor {
    final String s;
    int i;
    final List<Token> out = new ArrayList<>();

    LexerCursor(String s) {
        this.s = s;
    }

    void addString(String v) {
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

    char peek(int ahead) {
        return i + ahead < s.length() ? s.charAt(i + ahead) : 0;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    static boolean isIdentStart(char c) {
        return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= 0x80;
    }

    static boolean isIdentCont(char c) {
        return isIdentStart(c) || c >= '0' && c <= '9' || c == '$';
    }

    static void utf8(ByteArrayOutputStream out, int codePoint) {
        out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
    }

    String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw fail("has an E'' string whose escapes are not valid UTF-8");
        }
    }

    static String printable(char c) {
        return c < 0x20 || c == 0x7F ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    IllegalArgumentException fail(String what) {
        return new IllegalArgumentException(what + " (at character " + (i + 1) + ")");
    }
}
