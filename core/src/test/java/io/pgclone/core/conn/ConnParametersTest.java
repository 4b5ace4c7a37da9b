package io.pgclone.core.conn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnParametersTest {

    @Test
    void shouldKeepEveryLibpqParameterAsTheDriverPropertyItBecomes() {
        ConnInfo c = ConnInfo.parse("host=h dbname=d sslmode=verify-full sslrootcert=/ca.pem sslcert=/c.pem "
                + "sslkey=/k.pem sslpassword=pp options='-c search_path=app' target_session_attrs=read-write "
                + "connect_timeout=7 keepalives=0 channel_binding=require");
        assertThat(c.params()).containsEntry("sslmode", "verify-full").containsEntry("sslrootcert", "/ca.pem")
                .containsEntry("sslcert", "/c.pem").containsEntry("sslkey", "/k.pem")
                .containsEntry("sslpassword", "pp").containsEntry("options", "-c search_path=app")
                .containsEntry("targetServerType", "primary").containsEntry("connectTimeout", "7")
                .containsEntry("tcpKeepAlive", "false").containsEntry("channelBinding", "require");
    }

    @Test
    void shouldRefuseParametersOutsideTheAllowlistByName() {
        assertThatThrownBy(() -> ConnInfo.parse("jdbc:postgresql://h/d?socketFactory=x.Evil"))
                .hasMessageContaining("connection parameter 'socketFactory' is not supported");
        assertThatThrownBy(() -> ConnInfo.parse("postgresql://h/d?loggerFile=/etc/passwd"))
                .hasMessageContaining("'loggerfile' is not supported");
        assertThatThrownBy(() -> ConnInfo.parse("host=h sslfactory=org.postgresql.ssl.NonValidatingFactory"))
                .hasMessageContaining("'sslfactory' is not supported");
    }

    @Test
    void shouldRefuseValuesOutsideAChoice() {
        assertThatThrownBy(() -> ConnInfo.parse("host=h sslmode=verify"))
                .hasMessageContaining("sslmode='verify' is not one of disable, allow, prefer, require, verify-ca, verify-full");
        assertThatThrownBy(() -> ConnInfo.parse("host=h connect_timeout=soon"))
                .hasMessageContaining("connect_timeout='soon' is not a whole number");
    }

    @Test
    void shouldReadPgJdbcNamesInAJdbcUrlOnly() {
        ConnInfo c = ConnInfo.parse("jdbc:postgresql://h/d?targetServerType=primary&connectTimeout=3&ssl=true");
        assertThat(c.params()).containsEntry("targetServerType", "primary").containsEntry("connectTimeout", "3")
                .containsEntry("sslmode", "verify-full");
        assertThatThrownBy(() -> ConnInfo.parse("host=h targetServerType=primary")).hasMessageContaining("not supported");
    }

    @Test
    void shouldRoundTripNonSecretParametersThroughAJdbcUrl() {
        ConnInfo c = ConnInfo.parse("host=h port=6000 dbname='my db' user='a b' password=secret sslmode=require "
                + "sslpassword=pp options='-c statement_timeout=5s'");
        String url = c.withoutSecrets().jdbcUrlWithParams();
        assertThat(url).doesNotContain("secret").doesNotContain("pp");
        ConnInfo back = ConnInfo.parse(url);
        assertThat(back.database()).isEqualTo("my db");
        assertThat(back.user()).isEqualTo("a b");
        assertThat(back.port()).isEqualTo(6000);
        assertThat(back.password()).isNull();
        assertThat(back.params()).containsEntry("sslmode", "require").containsEntry("options", "-c statement_timeout=5s")
                .doesNotContainKey("sslpassword");
        assertThat(c.secretParams()).containsOnlyKeys("sslpassword");
    }
}
