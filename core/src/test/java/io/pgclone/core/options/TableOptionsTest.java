package io.pgclone.core.options;

import io.pgclone.core.filter.WhereFilter;
import io.pgclone.core.sql.QualifiedName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableOptionsTest {

    @Test
    void readsColumnsAndWherePerTable() {
        Map<QualifiedName, TableOptions> o = TableOptions.parse("{\"hr.employees\": {\"columns\": [\"id\", \"email\"],"
                + " \"where\": \"salary > 1000 AND dept IN ('a', 'b')\"}, \"orders\": {\"where\": \"id < 5\"}}");
        assertThat(o.get(new QualifiedName("hr", "employees"))).isEqualTo(new TableOptions(List.of("id", "email"),
                WhereFilter.parse("salary > 1000 AND dept IN ('a', 'b')")));
        assertThat(o.get(new QualifiedName("public", "orders")).columns()).isNull();
    }

    @Test
    void rejectsWhatIsNotAnExpressionNamingTableAndOption() {
        assertThatThrownBy(() -> TableOptions.parse("{\"t\": {\"where\": \"1=1; DROP TABLE t\"}}"))
                .hasMessageContaining("public.t: where holds a semicolon");
        assertThatThrownBy(() -> TableOptions.parse("{\"t\": {\"where\": \"x = 1) UNION (SELECT 1\"}}"))
                .hasMessageContaining("closes a parenthesis");
        assertThatThrownBy(() -> TableOptions.parse("{\"t\": {\"mask\": {}}}")).hasMessageContaining("masks go in the source's masks setting");
        assertThatThrownBy(() -> TableOptions.parse("{\"t\": {\"colums\": []}}")).hasMessageContaining("unknown option 'colums'");
        assertThatThrownBy(() -> TableOptions.parse("{\"t\": {\"columns\": []}}")).hasMessageContaining("non-empty");
    }
}
