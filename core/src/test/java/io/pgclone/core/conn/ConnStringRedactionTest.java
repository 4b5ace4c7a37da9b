package io.pgclone.core.conn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ConnStringRedactionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql://u:p@ss@h/d              | postgresql://u:***@h/d",
            "postgresql://u:p%40ss@h:5432/d?sslmode=require | postgresql://u:***@h:5432/d?sslmode=require",
            "jdbc:postgresql://h/d?user=u&password=p@ss&sslpassword=kk | jdbc:postgresql://h/d?user=u&password=***&sslpassword=***",
            "host=h password='my secret word' user=u | host=h password=*** user=u",
            "host=h password = spaced user=u      | host=h password = *** user=u",
            "host=h PASSWORD=upper                | host=h PASSWORD=***",
            "host=h password='it\\'s here' dbname=d | host=h password=*** dbname=d",
            "host=h password='never closed dbname=d | host=h password=***",
            "host=h sslpassword=kk sslmode=require | host=h sslpassword=*** sslmode=require",
    })
    void shouldHideEverySecretWhole(String given, String shown) {
        assertThat(ConnStringRedaction.redact(given)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql://u:p@ss@h/d | p@ss",
            "postgresql://u:a:b:c@h/d | a:b:c",
            "host=h password='my secret word' | secret",
            "host=h password='never closed dbname=d | closed",
    })
    void shouldLeakNoFragment(String given, String fragment) {
        assertThat(ConnStringRedaction.redact(given)).doesNotContain(fragment);
    }
}
