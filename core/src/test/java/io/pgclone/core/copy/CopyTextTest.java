package io.pgclone.core.copy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CopyTextTest {

    private static byte[] row(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldParseNullsEscapesAndUnicode() {
        CopyTextParser p = new CopyTextParser(4);
        String[] f = p.parse(row("1\t\\N\ta\\tb\\nc\\\\d\\r\tünï ✓ 日本\n"));
        assertThat(f).containsExactly("1", null, "a\tb\nc\\d\r", "ünï ✓ 日本");
    }

    @Test
    void shouldParseOctalHexAndOtherEscapes() {
        String[] f = new CopyTextParser(3).parse(row("\\101\\x42\\b\\f\\v\t\\.\t\n"));
        assertThat(f[0]).isEqualTo("AB\b\f\u000b");
        assertThat(f[1]).isEqualTo(".");
        assertThat(f[2]).isEqualTo("");
    }

    @Test
    void aRowOfATableWithoutColumnsIsAnEmptyLine() {
        assertThat(new CopyTextParser(0).parse(row("\n"))).isEmpty();
        assertThatThrownBy(() -> new CopyTextParser(0).parse(row("a\n"))).hasMessageContaining("more than 0");
    }

    @Test
    void shouldRefuseRowsWithTheWrongNumberOfFields() {
        assertThatThrownBy(() -> new CopyTextParser(2).parse(row("a\n"))).hasMessageContaining("1 fields, expected 2");
        assertThatThrownBy(() -> new CopyTextParser(1).parse(row("a\tb\n"))).hasMessageContaining("more than 1");
    }

    @Test
    void shouldWriteWhatItParsesBack() {
        String[] values = {"plain", null, "tab\there", "nl\nand\\back\rslash", "ünï ✓", "", "\\N"};
        CopyTextWriter w = new CopyTextWriter(8);
        for (String v : values) {
            w.field();
            if (v == null) {
                w.writeNull();
            } else {
                w.writeText(v);
            }
        }
        w.endRow();
        byte[] line = Arrays.copyOf(w.buffer(), w.length());
        assertThat(new CopyTextParser(values.length).parse(line)).containsExactly(values);
    }

    @Test
    void shouldWriteByteaAsEscapedHex() {
        CopyTextWriter w = new CopyTextWriter(4);
        w.field();
        w.writeBytea(new byte[] {0, (byte) 0xff, 0x10});
        assertThat(new String(w.buffer(), 0, w.length(), StandardCharsets.US_ASCII)).isEqualTo("\\\\x00ff10");
    }
}
