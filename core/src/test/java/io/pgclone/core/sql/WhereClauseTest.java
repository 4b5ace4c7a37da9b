package io.pgclone.core.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhereClauseTest {

    @Test
    void acceptsExpressionsWithKeywordsInsideLiteralsAndNames() {
        assertThat(WhereClause.check("  note = 'DROP; -- no' AND \"update\" > 1 ")).isEqualTo("note = 'DROP; -- no' AND \"update\" > 1");
        assertThat(WhereClause.check("created_at > now() - interval '30 days' OR id IN (SELECT id FROM x)")).isNotNull();
        assertThat(WhereClause.check("body ~ $re$^a;b$re$")).isNotNull();
        assertThat(WhereClause.check("a = E'it\\'s'")).isNotNull();
    }

    @Test
    void rejectsStatementsCommentsAndEscapes() {
        assertThatThrownBy(() -> WhereClause.check("true; DROP TABLE x")).hasMessageContaining("semicolon");
        assertThatThrownBy(() -> WhereClause.check("true -- ")).hasMessageContaining("comment");
        assertThatThrownBy(() -> WhereClause.check("true /* */")).hasMessageContaining("comment");
        assertThatThrownBy(() -> WhereClause.check("id IN (UPDATE x SET a = 1 RETURNING id)")).hasMessageContaining("UPDATE");
        assertThatThrownBy(() -> WhereClause.check("true) TO PROGRAM 'x' --")).hasMessageContaining("parenthesis");
        assertThatThrownBy(() -> WhereClause.check("(a")).hasMessageContaining("open");
        assertThatThrownBy(() -> WhereClause.check("a = 'x")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> WhereClause.check(" ")).hasMessageContaining("empty");
    }
}
