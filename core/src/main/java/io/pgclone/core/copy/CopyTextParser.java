package io.pgclone.core.copy;

import java.nio.charset.StandardCharsets;

/**
 * Splits one row of PostgreSQL's COPY text format into field strings: tab-separated, {@code \N} for NULL,
 * backslash escapes ({@code \\ \t \n \r \b \f \v}, octal {@code \ooo}, hex {@code \xhh}). Works on the UTF-8
 * bytes: the bytes it looks for never occur inside a multi-byte character. Reuses its buffers between rows.
 */
public final class CopyTextParser {
    private final String[] fields;
    private byte[] scratch = new byte[256];

    public CopyTextParser(int columns) {
        this.fields = new String[columns];
    }

    /**
     * Parses a row (with or without its trailing newline). The returned array is reused by the next call.
     *
     * @throws IllegalArgumentException when the row does not have the expected number of fields
     */
    public String[] parse(byte[] row) {
        int end = row.length;
        if (end > 0 && row[end - 1] == '\n') {
            end--;
        }
        if (fields.length == 0 && end == 0) {
            return fields; // a row of a table without (data) columns is an empty line
        }
        int field = 0;
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || row[i] == '\t') {
                if (field >= fields.length) {
                    throw new IllegalArgumentException("COPY row has more than " + fields.length + " fields");
                }
                fields[field++] = decode(row, start, i);
                start = i + 1;
            } else if (row[i] == '\\') {
                i++; // an escaped byte is never a separator
            }
        }
        if (field != fields.length) {
            throw new IllegalArgumentException("COPY row has " + field + " fields, expected " + fields.length);
        }
        return fields;
    }

    private String decode(byte[] b, int from, int to) {
        if (to - from == 2 && b[from] == '\\' && b[from + 1] == 'N') {
            return null;
        }
        int firstEscape = -1;
        for (int i = from; i < to; i++) {
            if (b[i] == '\\') {
                firstEscape = i;
                break;
            }
        }
        if (firstEscape < 0) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        if (scratch.length < to - from) {
            scratch = new byte[Math.max(to - from, scratch.length * 2)];
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c != '\\' || i + 1 >= to) {
                scratch[n++] = c;
                continue;
            }
            byte e = b[++i];
            switch (e) {
                case 'b' -> scratch[n++] = '\b';
                case 'f' -> scratch[n++] = '\f';
                case 'n' -> scratch[n++] = '\n';
                case 'r' -> scratch[n++] = '\r';
                case 't' -> scratch[n++] = '\t';
                case 'v' -> scratch[n++] = 0x0b;
                case 'x' -> {
                    int v = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < to && hex(b[i + 1]) >= 0) {
                        v = v * 16 + hex(b[++i]);
                        digits++;
                    }
                    scratch[n++] = digits == 0 ? (byte) 'x' : (byte) v;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int digits = 1;
                        while (digits < 3 && i + 1 < to && b[i + 1] >= '0' && b[i + 1] <= '7') {
                            v = v * 8 + (b[++i] - '0');
                            digits++;
                        }
                        scratch[n++] = (byte) v;
                    } else {
                        scratch[n++] = e; // \\ and any other escaped byte stand for themselves
                    }
                }
            }
        }
        return new String(scratch, 0, n, StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
