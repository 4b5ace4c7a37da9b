package io.pgclone.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowFilterTest {
    private static final long MAY_2024 = LocalDateTime.of(2024, 5, 1, 12, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;

    private static boolean keeps(String where, SourceRecord r) {
        RowFilter<SourceRecord> f = new RowFilter<>();
        f.configure(Map.of("where", where));
        return f.apply(r) != null;
    }

    private static SourceRecord alice() {
        return Rows.person("p.hr.people", "alice@example.com", "Alice", 5000, "Berlin", MAY_2024);
    }

    private static SourceRecord nobody() {
        return Rows.person("p.hr.people", "x@y.z", null, null, null, null);
    }

    @Test
    void comparisonsAndBooleanLogic() {
        assertThat(keeps("salary > 1000 AND city = 'Berlin'", alice())).isTrue();
        assertThat(keeps("salary >= 5000.0 and salary <= 5000", alice())).isTrue();
        assertThat(keeps("salary <> 5000 OR city != 'Berlin'", alice())).isFalse();
        assertThat(keeps("NOT (salary < 10)", alice())).isTrue();
        assertThat(keeps("salary BETWEEN 4000 AND 6000", alice())).isTrue();
        assertThat(keeps("salary NOT BETWEEN 4000 AND 6000", alice())).isFalse();
        assertThat(keeps("-1 < salary", alice())).isTrue();
    }

    @Test
    void inLikeAndNulls() {
        assertThat(keeps("city IN ('Paris', 'Berlin')", alice())).isTrue();
        assertThat(keeps("city NOT IN ('Paris', 'Berlin')", alice())).isFalse();
        assertThat(keeps("email LIKE '%@example.com'", alice())).isTrue();
        assertThat(keeps("email LIKE 'a_ice%'", alice())).isTrue();
        assertThat(keeps("email NOT LIKE 'a%'", alice())).isFalse();
        assertThat(keeps("city IS NULL", nobody())).isTrue();
        assertThat(keeps("city IS NOT NULL", alice())).isTrue();
        // three-valued logic: unknown drops the row, like a SQL WHERE
        assertThat(keeps("salary > 1", nobody())).isFalse();
        assertThat(keeps("NOT (salary > 1)", nobody())).isFalse();
        assertThat(keeps("salary > 1 OR email LIKE 'x%'", nobody())).isTrue();
        assertThat(keeps("city NOT IN ('Paris', NULL)", alice())).isFalse();
        assertThat(keeps("full_name = 'O''Brien' OR \"city\" = 'Berlin'", alice())).isTrue();
    }

    @Test
    void timestampsCompareWithDateLiterals() {
        assertThat(keeps("joined > '2024-01-01'", alice())).isTrue();
        assertThat(keeps("joined < '2024-05-01 12:00:00.000001'", alice())).isTrue();
        assertThat(keeps("joined >= '2024-05-02'", alice())).isFalse();
    }

    @Test
    void syntaxErrorsAreConfigErrors() {
        assertThatThrownBy(() -> RowFilter.CONFIG_DEF.parse(Map.of("where", "salary >")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected a column, a literal or '('");
        assertThatThrownBy(() -> RowFilter.CONFIG_DEF.parse(Map.of("where", "a = 1; DROP TABLE x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unexpected ';'");
        assertThatThrownBy(() -> RowFilter.CONFIG_DEF.parse(Map.of("where", "lower(city) = 'x'")))
                .hasMessageContaining("function calls are not supported");
        assertThatThrownBy(() -> RowFilter.CONFIG_DEF.parse(Map.of("where", "city = 'x")))
                .hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> RowFilter.CONFIG_DEF.parse(Map.of("where", "(a = 1")))
                .hasMessageContaining("expected ')'");
    }

    @Test
    void aMissingColumnIsNamed() {
        assertThatThrownBy(() -> keeps("country = 'DE'", alice())).isInstanceOf(DataException.class)
                .hasMessageContaining("no column country");
        assertThatThrownBy(() -> keeps("city > 5", alice())).hasMessageContaining("cannot compare column city");
    }
}
