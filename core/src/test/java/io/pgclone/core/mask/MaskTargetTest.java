package io.pgclone.core.mask;

import io.pgclone.core.catalog.ColumnType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a mask does to a non-text column: a pseudonym of the same type, or a refusal naming the column. */
class MaskTargetTest {
    private static ColumnType type(String formatted, String base, int typmod) {
        return new ColumnType(formatted, base, true, 'b', 'N', typmod, null, null);
    }

    @Test
    void textTakesEveryStrategyAndIsCutToItsLength() {
        MaskTarget t = MaskTarget.of(type("character varying(5)", "varchar", 9), false);
        ColumnMask m = new ColumnMask("email", new MaskStrategy.Email(), t);
        assertThat(m.apply("alice@example.com", Schema.OPTIONAL_STRING_SCHEMA)).isEqualTo("a***@");
        assertThat(m.sql()).startsWith("CAST(left(").endsWith("AS character varying(5))");
    }

    @Test
    void bigintAndUuidKeysHashToTheirOwnType() {
        ColumnMask id = new ColumnMask("id", new MaskStrategy.Hash(), MaskTarget.of(type("bigint", "int8", -1), true));
        assertThat(id.apply(42L, Schema.INT64_SCHEMA)).isEqualTo(new MaskStrategy.Hash().maskLong(42));
        ColumnMask u = new ColumnMask("u", new MaskStrategy.Hash(), MaskTarget.of(type("uuid", "uuid", -1), false));
        assertThat((String) u.apply("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", Schema.STRING_SCHEMA)).hasSize(36);
    }

    @Test
    void refusesWhatWouldBreakTheLoadOrTheKeys() {
        MaskTarget int4 = MaskTarget.of(type("integer", "int4", -1), true);
        assertThatThrownBy(() -> new ColumnMask("id", new MaskStrategy.Hash(), int4))
                .hasMessageContaining("column id (integer)").hasMessageContaining("would collide");
        assertThatThrownBy(() -> new ColumnMask("d", new MaskStrategy.Email(), MaskTarget.of(type("date", "date", -1), false)))
                .hasMessageContaining("email masks text; date takes null, constant");
        assertThatThrownBy(() -> new ColumnMask("n", new MaskStrategy.Null(), MaskTarget.of(type("text", "text", -1), true)))
                .hasMessageContaining("NOT NULL");
        assertThatThrownBy(() -> new ColumnMask("s", new MaskStrategy.RandomInt(0, 100_000),
                MaskTarget.of(type("smallint", "int2", -1), false))).hasMessageContaining("does not fit smallint");
        assertThatThrownBy(() -> new ColumnMask("s", new MaskStrategy.Constant("abc", false),
                MaskTarget.of(type("integer", "int4", -1), false))).hasMessageContaining("'abc' is not a valid integer");
    }

    @Test
    void numbersTakeRandomIntsOfTheirConnectType() {
        Schema dec = Decimal.builder(2).optional().build();
        ColumnMask m = new ColumnMask("salary", new MaskStrategy.RandomInt(1, 9), MaskTarget.of(dec));
        Object v = m.apply(new BigDecimal("1234.50"), dec);
        assertThat(v).isInstanceOf(BigDecimal.class);
        assertThat(((BigDecimal) v).scale()).isEqualTo(2);
        Schema int32 = SchemaBuilder.int32().optional().build();
        assertThat(new ColumnMask("n", new MaskStrategy.RandomInt(1, 9), MaskTarget.of(int32)).apply(null, int32))
                .isInstanceOf(Integer.class);
    }

    @Test
    void charColumnsAreMaskedWithoutTheirPadding() {
        MaskTarget t = MaskTarget.of(type("character(8)", "bpchar", 12), true);
        assertThat(new ColumnMask("c", new MaskStrategy.Partial(1, 1), t).apply("abcd    ", Schema.STRING_SCHEMA))
                .isEqualTo("a***d");
    }
}
