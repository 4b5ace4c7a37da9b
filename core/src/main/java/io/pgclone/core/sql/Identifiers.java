package io.pgclone.core.sql;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;

/**
 * Quoting of SQL identifiers and literals, and the length limit of names. Everything rendered here means the same
 * text to the server whatever its session settings: literals are valid with {@code standard_conforming_strings} on
 * or off, so a value copied from the source (a comment, an enum label) can never end its literal early.
 */
public final class Identifiers {
    /** PostgreSQL's NAMEDATALEN - 1: longer names are truncated by the server, silently. */
    public static final int MAX_NAME_BYTES = 63;

    private Identifiers() {
    }

    /** Always double-quotes: safe for any name, including upper case, spaces and keywords. */
    public static String quote(String ident) {
        return '"' + ident.replace("\"", "\"\"") + '"';
    }

    /**
     * A COPY column list, {@code (a, b)}; empty for a table without columns, which COPY takes only without a list
     * (its rows are empty lines).
     */
    public static String copyColumnList(List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner(", ", "(", ")");
        names.forEach(n -> j.add(quote(n)));
        return j.toString();
    }

    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /**
     * A string literal that reads the same with {@code standard_conforming_strings} on or off: {@code 'text'} when
     * the value holds no backslash, else an escape string {@code E'...'} with backslashes doubled (the one form
     * whose meaning does not depend on that setting).
     */
    public static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        String quoted = value.replace("'", "''");
        if (value.indexOf('\\') < 0) {
            return "'" + quoted + "'";
        }
        return "E'" + quoted.replace("\\", "\\\\") + "'";
    }

    /** The name's length as the server counts it: bytes of UTF-8. */
    public static int bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Whether the server keeps this name as it is (it truncates anything longer than 63 bytes). */
    public static boolean fits(String name) {
        return bytes(name) <= MAX_NAME_BYTES;
    }

    /**
     * {@code base + suffix} within 63 bytes: the base is shortened at a character boundary when the whole would not
     * fit, as PostgreSQL shortens the table part of the names it chooses ({@code <table>_pkey}).
     */
    public static String fitted(String base, String suffix) {
        int room = MAX_NAME_BYTES - bytes(suffix);
        if (room <= 0) {
            throw new IllegalArgumentException("suffix " + suffix + " leaves no room for a name");
        }
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            int len = bytes(new String(Character.toChars(cp)));
            if (used + len > room) {
                break;
            }
            b.appendCodePoint(cp);
            used += len;
            i += Character.charCount(cp);
        }
        return b.append(suffix).toString();
    }
}
