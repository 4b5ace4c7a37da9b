package io.pgclone.core.mask;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each strategy on the reference examples, NULL, empty strings, unicode and short values. */
class MaskStrategyTest {

    @Test
    void email() {
        MaskStrategy s = new MaskStrategy.Email();
        assertThat(s.maskText("alice@example.com")).isEqualTo("a***@example.com");
        assertThat(s.maskText("no-at-sign")).isEqualTo("***");
        assertThat(s.maskText("")).isEqualTo("***");
        assertThat(s.maskText("@example.com")).isEqualTo("***@example.com");
        assertThat(s.maskText("😀bob@exämple.de")).isEqualTo("😀***@exämple.de");
        assertThat(s.maskText("a@b@c")).isEqualTo("a***@b@c");
        assertThat(s.maskText(null)).isNull();
    }

    @Test
    void name() {
        MaskStrategy s = new MaskStrategy.Name();
        assertThat(s.maskText("Johnson")).isEqualTo("XXXX");
        assertThat(s.maskText("")).isEqualTo("XXXX");
        assertThat(s.maskText("Łukasz")).isEqualTo("XXXX");
        assertThat(s.maskText(null)).isNull();
    }

    @Test
    void phone() {
        assertThat(new MaskStrategy.Phone(0).maskText("+1-555-123-4567")).isEqualTo("+X-XXX-XXX-XXXX");
        assertThat(new MaskStrategy.Phone(4).maskText("+1-555-123-4567")).isEqualTo("+X-XXX-XXX-4567");
        assertThat(new MaskStrategy.Phone(4).maskText("12")).isEqualTo("12");
        assertThat(new MaskStrategy.Phone(2).maskText("(030) 12 34")).isEqualTo("(XXX) XX 34");
        assertThat(new MaskStrategy.Phone(0).maskText("")).isEqualTo("");
        assertThat(new MaskStrategy.Phone(0).maskText("☎ 0৩1")).isEqualTo("☎ X৩X"); // ASCII digits only
        assertThat(new MaskStrategy.Phone(0).maskText(null)).isNull();
        assertThatThrownBy(() -> new MaskStrategy.Phone(-1)).hasMessageContaining("keep_last");
    }

    @Test
    void partial() {
        assertThat(new MaskStrategy.Partial(2, 3).maskText("Johnson")).isEqualTo("Jo***son");
        assertThat(new MaskStrategy.Partial(1, 1).maskText("Johnson")).isEqualTo("J***n");
        assertThat(new MaskStrategy.Partial(2, 3).maskText("Smith")).isEqualTo("*****"); // not longer than 2 + 3
        assertThat(new MaskStrategy.Partial(2, 3).maskText("Smiths")).isEqualTo("Sm***ths");
        assertThat(new MaskStrategy.Partial(1, 1).maskText("")).isEqualTo("");
        assertThat(new MaskStrategy.Partial(1, 1).maskText("ab")).isEqualTo("**");
        assertThat(new MaskStrategy.Partial(1, 1).maskText("😀ü😀ö")).isEqualTo("😀***ö");
        assertThat(new MaskStrategy.Partial(0, 2).maskText("secret")).isEqualTo("***et");
        assertThat(new MaskStrategy.Partial(1, 1).maskText(null)).isNull();
    }

    @Test
    void hash() {
        MaskStrategy.Hash s = new MaskStrategy.Hash();
        assertThat(s.maskText("alice@example.com")).isEqualTo("c160f8cc69a4f0bf2b0362752353d060");
        assertThat(s.maskText("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(s.maskText("ü")).hasSize(32).isEqualTo(s.maskText("ü"));
        assertThat(s.maskText(null)).isNull();
        assertThat(s.maskLong(42)).isPositive().isEqualTo(s.maskLong(42)).isNotEqualTo(s.maskLong(43));
        assertThat(s.maskUuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")).matches("[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}");
    }

    @Test
    void keyedHashIsHmacAndDependsOnTheKey() {
        MaskStrategy.Hash k1 = new MaskStrategy.Hash(HashKey.of("key one"));
        MaskStrategy.Hash k2 = new MaskStrategy.Hash(HashKey.of("key two"));
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), RFC 4231-style known answer
        assertThat(new MaskStrategy.Hash(HashKey.of("key")).maskText("The quick brown fox jumps over the lazy dog"))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143");
        assertThat(k1.maskText("alice@example.com")).hasSize(32).isEqualTo(k1.maskText("alice@example.com"))
                .isNotEqualTo(k2.maskText("alice@example.com"))
                .isNotEqualTo(new MaskStrategy.Hash().maskText("alice@example.com"));
        assertThat(HashKey.of("x".repeat(100)).hex("v")).hasSize(32); // a key longer than a block is hashed first
        assertThat(HashKey.of("hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void theKeyedHashSqlHoldsNoKeyMaterial() {
        String secret = "s3cret key";
        HashKey key = HashKey.of(secret);
        MaskStrategy.Hash h = new MaskStrategy.Hash(key);
        String sql = String.join("\n", h.textSql("v"), h.longSql("n"), h.uuidSql("u"),
                new ColumnMask("email", h, new MaskTarget(MaskTarget.Kind.TEXT, 0, false, true, "text")).sql());
        for (String material : KeyMaterial.of(secret)) {
            assertThat(sql.toLowerCase()).doesNotContain(material.toLowerCase());
        }
    }


    @Test
    void nullAlways() {
        assertThat(new MaskStrategy.Null().maskText("x")).isNull();
        assertThat(new MaskStrategy.Null().maskText(null)).isNull();
    }

    @Test
    void randomIntStaysInRangeAndFillsNull() {
        MaskStrategy.RandomInt r = new MaskStrategy.RandomInt(9, 1); // swapped
        assertThat(r.min()).isEqualTo(1);
        assertThat(r.max()).isEqualTo(9);
        for (int i = 0; i < 1000; i++) {
            assertThat(Long.parseLong(r.maskText(null))).isBetween(1L, 9L);
        }
        assertThat(r.fillsNull()).isTrue();
        MaskStrategy.RandomInt d = new MaskStrategy.RandomInt(MaskStrategy.RandomInt.DEFAULT_MIN, MaskStrategy.RandomInt.DEFAULT_MAX);
        assertThat(Long.parseLong(d.maskText("5"))).isBetween(0L, 99_999L);
    }

    @Test
    void constantFillsNullToo() {
        MaskStrategy c = new MaskStrategy.Constant("REDACTED", false);
        assertThat(c.maskText("anything")).isEqualTo("REDACTED");
        assertThat(c.maskText(null)).isEqualTo("REDACTED");
        assertThat(c.maskText("")).isEqualTo("REDACTED");
    }
}
