package io.pgclone.sink;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SingleStatementTest {

    @Test
    void countsTheStatementsThePgjdbcDriverWouldSend() throws Exception {
        assertThat(SingleStatement.count("COMMENT ON TABLE t IS 'a; b'", true)).isEqualTo(1);
        assertThat(SingleStatement.count("CREATE TABLE a (); DROP TABLE victim", true)).isEqualTo(2);
        assertThat(SingleStatement.count("SELECT 1;", true)).isEqualTo(1);
        assertThat(SingleStatement.count("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; SELECT 2 $$", true))
                .isEqualTo(1);
        assertThat(SingleStatement.count("   ", true)).isZero();
    }

    @Test
    void countsWithTheSessionsStandardConformingStrings() throws Exception {
        // a literal ending in a backslash-quote: one statement with the setting on, two with it off
        assertThat(SingleStatement.count("COMMENT ON TABLE t IS 'x\\''; DROP TABLE victim; --'", true)).isEqualTo(1);
        assertThat(SingleStatement.count("COMMENT ON TABLE t IS 'x\\''; DROP TABLE victim; --'", false)).isGreaterThan(1);
    }
}
