package io.pgclone.core.conn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnInfoTest {

    @Test
    void shouldParseLibpqKeywordsWithQuotedValues() {
        ConnInfo c = ConnInfo.parse("host=db.example port=6543 dbname='my db' user=alice password='it\\'s \\\\x' sslmode=require");
        assertThat(c.host()).isEqualTo("db.example");
        assertThat(c.port()).isEqualTo(6543);
        assertThat(c.database()).isEqualTo("my db");
        assertThat(c.user()).isEqualTo("alice");
        assertThat(c.password()).isEqualTo("it's \\x");
        assertThat(c.params()).containsEntry("sslmode", "require");
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/my%20db");
    }

    @Test
    void shouldParseUrisWithPercentEncodedCredentials() {
        ConnInfo c = ConnInfo.parse("postgresql://bob:p%40ss%2Bword@10.0.0.5/sales?application_name=x");
        assertThat(c.user()).isEqualTo("bob");
        assertThat(c.password()).isEqualTo("p@ss+word");
        assertThat(c.port()).isEqualTo(5432);
        assertThat(c.database()).isEqualTo("sales");
        assertThat(c.jdbcProperties().getProperty("ApplicationName")).isEqualTo("x");
    }

    @Test
    void shouldParseJdbcUrls() {
        ConnInfo c = ConnInfo.parse("jdbc:postgresql://h:5555/d?user=u&password=p");
        assertThat(c.host()).isEqualTo("h");
        assertThat(c.port()).isEqualTo(5555);
        assertThat(c.user()).isEqualTo("u");
        assertThat(c.password()).isEqualTo("p");
    }

    @Test
    void shouldNeverPrintThePassword() {
        assertThat(ConnInfo.parse("host=h dbname=d user=u password=secret").toString()).doesNotContain("secret");
        assertThat(ConnInfo.redact("host=h password=secret")).doesNotContain("secret");
        assertThat(ConnInfo.redact("postgresql://u:secret@h/d")).doesNotContain("secret");
    }

    @Test
    void shouldExplainMalformedStrings() {
        assertThatThrownBy(() -> ConnInfo.parse("just words")).hasMessageContaining("not a connection string");
        assertThatThrownBy(() -> ConnInfo.parse("host=h port=abc")).hasMessageContaining("port 'abc' is not a number");
        assertThatThrownBy(() -> ConnInfo.parse("host='h")).hasMessageContaining("unterminated");
    }
}
