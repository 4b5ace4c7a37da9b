package io.pgclone.core.options;

import io.pgclone.core.options.Renames.TableRename;
import io.pgclone.core.sql.QualifiedName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RenamesTest {

    @Test
    void aBareTargetStaysInTheSourceSchemaEvenWithADotInQuotes() {
        assertThat(Renames.tables(List.of("\"My.Schema\".t:\"new.name\"")))
                .containsExactly(new TableRename(new QualifiedName("My.Schema", "t"), new QualifiedName("My.Schema", "new.name")));
        assertThat(Renames.tables(List.of("s.t:other.\"T 2\"")))
                .containsExactly(new TableRename(new QualifiedName("s", "t"), new QualifiedName("other", "T 2")));
        assertThat(Renames.tables(List.of("\"a:b\".t:c")))
                .containsExactly(new TableRename(new QualifiedName("a:b", "t"), new QualifiedName("a:b", "c")));
    }

    @Test
    void foldsOnlyAsciiUpperCaseAsPostgresqlDoes() {
        assertThat(Renames.tables(List.of("s.T:Été")).get(0).to()).isEqualTo(new QualifiedName("s", "Été"));
    }

    @Test
    void refusesNamesPostgresqlWouldTruncateAndTwoSourcesForOneTarget() {
        assertThatThrownBy(() -> Renames.tables(List.of("s.t:" + "x".repeat(64))))
                .hasMessageContaining("64 bytes").hasMessageContaining("at most 63");
        assertThatThrownBy(() -> Renames.tables(List.of("s.t:" + "é".repeat(32))))
                .hasMessageContaining("64 bytes");
        assertThatThrownBy(() -> Renames.tables(List.of("s.a:c", "s.b:c"))).hasMessageContaining("both create s.c");
        assertThatThrownBy(() -> Renames.tables(List.of("s.t"))).hasMessageContaining("not source:target");
        assertThatThrownBy(() -> Renames.tables(List.of("s.t:\"\""))).hasMessageContaining("empty");
        assertThatThrownBy(() -> Renames.schemas(List.of("app:" + "s".repeat(64)))).hasMessageContaining("64 bytes");
    }
}
