package io.pgclone.core.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifiersTest {

    @Test
    void aValueWithABackslashBecomesAnEscapeStringWithTheBackslashDoubled() {
        assertThat(Identifiers.literal("it's")).isEqualTo("'it''s'");
        assertThat(Identifiers.literal("a\\b")).isEqualTo("E'a\\\\b'");
        assertThat(Identifiers.literal("\\'; DROP TABLE x; --")).isEqualTo("E'\\\\''; DROP TABLE x; --'");
        assertThat(Identifiers.literal(null)).isEqualTo("NULL");
    }

    @Test
    void fittedNamesStayWithin63BytesAndCutAtACharacterBoundary() {
        String long63 = "t".repeat(63);
        assertThat(Identifiers.fitted(long63, "_old")).isEqualTo("t".repeat(59) + "_old");
        assertThat(Identifiers.bytes(Identifiers.fitted(long63, "_old"))).isEqualTo(63);
        String wide = "é".repeat(31) + "x"; // 63 bytes
        String f = Identifiers.fitted(wide, "_old");
        assertThat(Identifiers.bytes(f)).isLessThanOrEqualTo(63);
        assertThat(f).isEqualTo("é".repeat(29) + "_old");
        assertThat(Identifiers.fitted("short", "_old")).isEqualTo("short_old");
        assertThatThrownBy(() -> Identifiers.fitted("x", "y".repeat(63))).isInstanceOf(IllegalArgumentException.class);
    }
}
