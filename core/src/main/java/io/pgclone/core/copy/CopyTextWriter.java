package io.pgclone.core.copy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds rows in PostgreSQL's COPY text format into a growable byte buffer that is reused across batches:
 * fields separated by tabs, {@code \N} for NULL, and backslash, tab, newline and carriage return escaped.
 */
public final class CopyTextWriter {
    private static final byte[] NULL = {'\\', 'N'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int len;
    private boolean fieldStarted;

    public CopyTextWriter(int initialCapacity) {
        this.buf = new byte[initialCapacity];
    }

    /** Starts the next field (adds the tab separator when it is not the first of its row). */
    public CopyTextWriter field() {
        if (fieldStarted) {
            put((byte) '\t');
        }
        fieldStarted = true;
        return this;
    }

    public void endRow() {
        put((byte) '\n');
        fieldStarted = false;
    }

    public void writeNull() {
        putRaw(NULL, 0, NULL.length);
    }

    /** Text that needs no escaping: digits, signs, ISO dates (the caller guarantees it). */
    public void writeAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    public void writeText(String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            ensure(n * 2);
            for (int i = 0; i < n; i++) {
                escapeInto((byte) s.charAt(i));
            }
        } else {
            writeTextBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** UTF-8 bytes of a text value, escaped. */
    public void writeTextBytes(byte[] utf8) {
        ensure(utf8.length * 2);
        for (byte b : utf8) {
            escapeInto(b);
        }
    }

    /** A bytea value in hex input format; the backslash of {@code \x} is itself escaped for COPY. */
    public void writeBytea(byte[] data) {
        ensure(3 + data.length * 2);
        buf[len++] = '\\';
        buf[len++] = '\\';
        buf[len++] = 'x';
        for (byte b : data) {
            buf[len++] = HEX[(b >> 4) & 0xf];
            buf[len++] = HEX[b & 0xf];
        }
    }

    private void escapeInto(byte b) {
        switch (b) {
            case '\\' -> {
                buf[len++] = '\\';
                buf[len++] = '\\';
            }
            case '\t' -> {
                buf[len++] = '\\';
                buf[len++] = 't';
            }
            case '\n' -> {
                buf[len++] = '\\';
                buf[len++] = 'n';
            }
            case '\r' -> {
                buf[len++] = '\\';
                buf[len++] = 'r';
            }
            default -> buf[len++] = b;
        }
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void putRaw(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return len;
    }

    public void reset() {
        len = 0;
        fieldStarted = false;
    }
}
