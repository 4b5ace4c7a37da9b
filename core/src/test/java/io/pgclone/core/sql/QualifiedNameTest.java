package io.pgclone.core.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QualifiedNameTest {

    @Test
    void shouldFoldUnquotedNamesAndKeepQuotedOnes() {
        assertThat(QualifiedName.parse("Sales.Orders")).isEqualTo(new QualifiedName("sales", "orders"));
        assertThat(QualifiedName.parse("\"Sales\".\"Odd.Name\"\"x\"")).isEqualTo(new QualifiedName("Sales", "Odd.Name\"x"));
        assertThat(QualifiedName.parse("orders")).isEqualTo(new QualifiedName("public", "orders"));
    }

    @Test
    void shouldRenderSqlAndDisplayForms() {
        QualifiedName n = new QualifiedName("Sales", "orders");
        assertThat(n.sql()).isEqualTo("\"Sales\".\"orders\"");
        assertThat(n.toString()).isEqualTo("\"Sales\".orders");
        assertThat(QualifiedName.parse(n.toString())).isEqualTo(n);
    }

    @Test
    void shouldRejectWhatIsNotATableName() {
        assertThatThrownBy(() -> QualifiedName.parse("a.b.c")).hasMessageContaining("not a table name");
        assertThatThrownBy(() -> QualifiedName.parse("a b")).hasMessageContaining("unexpected space");
        assertThatThrownBy(() -> QualifiedName.parse("a.")).hasMessageContaining("empty name part");
        assertThatThrownBy(() -> QualifiedName.parse("\"a")).hasMessageContaining("unterminated");
    }
}
