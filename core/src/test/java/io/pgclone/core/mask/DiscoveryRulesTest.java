package io.pgclone.core.mask;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiscoveryRulesTest {

    @Test
    void namePatternsAsInPgclone() {
        assertThat(SensitiveNames.match("Work_Email").orElseThrow().category()).isEqualTo("Email");
        assertThat(SensitiveNames.match("last_name").orElseThrow().suggested()).isInstanceOf(MaskStrategy.Name.class);
        assertThat(SensitiveNames.match("mobile_no").orElseThrow().category()).isEqualTo("Phone");
        assertThat(SensitiveNames.match("ssn").orElseThrow().suggested()).isInstanceOf(MaskStrategy.Null.class);
        assertThat(SensitiveNames.match("base_salary").orElseThrow().suggested()).isInstanceOf(MaskStrategy.RandomInt.class);
        assertThat(SensitiveNames.match("api_key").orElseThrow().category()).isEqualTo("Credential");
        assertThat(SensitiveNames.match("ip_address").orElseThrow().category()).isEqualTo("IP Address");
        assertThat(SensitiveNames.match("street_address").orElseThrow().suggested()).isInstanceOf(MaskStrategy.Constant.class);
        assertThat(SensitiveNames.match("zip_code").orElseThrow().suggested()).isInstanceOf(MaskStrategy.Partial.class);
        assertThat(SensitiveNames.match("date_of_birth").orElseThrow().category()).isEqualTo("Date of Birth");
        assertThat(SensitiveNames.match("cvv").orElseThrow().category()).isEqualTo("Credit Card");
        assertThat(SensitiveNames.match("id")).isEmpty();
        assertThat(SensitiveNames.match("name")).isEmpty(); // %_name needs a character before "name"
        assertThat(SensitiveNames.match("e-mail").orElseThrow().pattern()).isEqualTo("%e_mail%");
    }

    @Test
    void sampledValuesWithChecksums() {
        assertThat(SampledValues.classify(List.of("a@b.de", "x.y@example.com", "z@q.org")).orElseThrow().name()).isEqualTo("Email");
        assertThat(SampledValues.classify(List.of("4111 1111 1111 1111", "5500-0000-0000-0004", "340000000000009"))
                .orElseThrow().name()).isEqualTo("Credit Card");
        assertThat(SampledValues.isCardNumber("4111 1111 1111 1112")).isFalse(); // Luhn fails
        assertThat(SampledValues.classify(List.of("123-45-6789", "078-05-1120")).orElseThrow().name()).startsWith("National ID");
        assertThat(SampledValues.isIban("DE89 3704 0044 0532 0130 00")).isTrue();
        assertThat(SampledValues.isIban("DE88 3704 0044 0532 0130 00")).isFalse();
        assertThat(SampledValues.classify(List.of("10.0.0.1", "192.168.1.254", "fe80::1")).orElseThrow().name()).isEqualTo("IP Address");
        assertThat(SampledValues.classify(List.of("+49 30 1234567", "(030) 123-4567")).orElseThrow().name()).isEqualTo("Phone");
        assertThat(SampledValues.classify(List.of("1234567", "7654321"))).isEmpty(); // bare numbers are not phones
        assertThat(SampledValues.classify(List.of("hello", "world", "a@b.de"))).isEmpty(); // under 80 %
    }
}
