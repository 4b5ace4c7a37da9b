package io.pgclone.core.types;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PgTemporalTest {

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29", "1970-01-01", "0001-01-01", "0044-03-15 BC", "4713-01-01 BC", "9999-12-31",
            "12345-06-07", "5874897-12-31", "infinity", "-infinity"})
    void shouldRoundTripDatesAsPostgresPrintsThem(String text) {
        assertThat(PgTemporal.formatDate(PgTemporal.parseDate(text))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29 23:59:59.123456", "1970-01-01 00:00:00", "1969-12-31 23:59:59.999999",
            "0044-03-15 12:00:00 BC", "292276-12-31 23:59:59.5", "infinity", "-infinity"})
    void shouldRoundTripTimestamps(String text) {
        assertThat(PgTemporal.formatTimestamp(PgTemporal.parseTimestamp(text), false)).isEqualTo(text);
    }

    @Test
    void shouldApplyOffsetsOfZonedTimestamps() {
        long utc = PgTemporal.parseTimestamp("2024-01-01 00:00:00+00");
        assertThat(PgTemporal.parseTimestamp("2024-01-01 05:45:00+05:45")).isEqualTo(utc);
        assertThat(PgTemporal.parseTimestamp("2023-12-31 20:30:00-03:30")).isEqualTo(utc);
        assertThat(PgTemporal.formatTimestamp(utc, true)).isEqualTo("2024-01-01 00:00:00+00");
        assertThat(PgTemporal.formatTimestamp(PgTemporal.parseTimestamp("0010-01-01 00:00:00+00 BC"), true))
                .isEqualTo("0010-01-01 00:00:00+00 BC");
    }

    @Test
    void shouldRefuseTimestampsBeyondTheLongRangeSoTheyTravelAsText() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PgTemporal.parseTimestamp("294276-12-31 23:59:59"))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldKeepMicrosecondsAndMidnightOfTime() {
        assertThat(PgTemporal.parseTime("24:00:00")).isEqualTo(PgTemporal.MICROS_PER_DAY);
        assertThat(PgTemporal.formatTime(PgTemporal.parseTime("24:00:00"))).isEqualTo("24:00:00");
        assertThat(PgTemporal.formatTime(PgTemporal.parseTime("13:07:01.000010"))).isEqualTo("13:07:01.00001");
    }
}
