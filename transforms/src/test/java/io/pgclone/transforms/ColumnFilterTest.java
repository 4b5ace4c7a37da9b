package io.pgclone.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnFilterTest {

    @Test
    void excludeDropsFromValueKeyAndHeaders() {
        ColumnFilter<SourceRecord> f = new ColumnFilter<>();
        f.configure(Map.of("exclude", "email,full_name"));
        SourceRecord in = Rows.person("p.hr.people", "a@b.de", "A", 1, "Berlin", 0L);
        SourceRecord out = f.apply(in);
        assertThat(in.headers().lastWithName("pgclone.special.full_name")).as("the input record is left as it was")
                .isNotNull();
        assertThat(out.valueSchema().fields()).extracting(x -> x.name()).containsExactly("salary", "city", "joined");
        assertThat(out.valueSchema().name()).isEqualTo(Rows.VALUE.name());
        assertThat(((Struct) out.value()).getString("city")).isEqualTo("Berlin");
        assertThat(out.key()).isNull(); // the key's only column is gone
        assertThat(out.headers().lastWithName("pgclone.special.full_name")).isNull();
    }

    @Test
    void includeKeepsOnlyThose() {
        ColumnFilter<SourceRecord> f = new ColumnFilter<>();
        f.configure(Map.of("include", "email,city"));
        SourceRecord out = f.apply(Rows.person("p.hr.people", "a@b.de", "A", 1, "Berlin", 0L));
        assertThat(out.valueSchema().fields()).extracting(x -> x.name()).containsExactly("email", "city");
        assertThat(((Struct) out.key()).getString("email")).isEqualTo("a@b.de");
        SourceRecord again = f.apply(Rows.person("p.hr.people", "b@b.de", "B", 2, "Paris", 0L));
        assertThat(again.valueSchema()).isSameAs(out.valueSchema()); // one schema per input schema
    }

    @Test
    void needsExactlyOneList() {
        assertThatThrownBy(() -> new ColumnFilter<SourceRecord>().configure(Map.of())).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new ColumnFilter<SourceRecord>().configure(Map.of("include", "a", "exclude", "b")))
                .hasMessageContaining("exactly one");
    }
}
