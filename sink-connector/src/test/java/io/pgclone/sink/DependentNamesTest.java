package io.pgclone.sink;

import io.pgclone.core.catalog.CatalogObject;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.core.sql.SqlRenamer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DependentNamesTest {

    private static CatalogObject obj(String kind, String identity, String schema, String name, List<String> deps,
                                     String sql) {
        return new CatalogObject(kind, identity, schema, name, CatalogObject.POST_DATA, null, deps, List.of(),
                List.of(sql), null);
    }

    private static DependentNames names(String table, String newName, List<CatalogObject> objects) {
        Map<QualifiedName, QualifiedName> renames = Map.of(new QualifiedName("s", table), new QualifiedName("s", newName));
        return DependentNames.of(objects, renames, new SqlRenamer(Map.of(), renames));
    }

    @Test
    void aTableClonedUnderAnotherNameGivesItsKeysIndexesAndSequencesNamesOfTheirOwn() {
        List<CatalogObject> objects = List.of(
                obj("constraint", "constraint:s.t.t_pkey", "s", "t_pkey", List.of("table:s.t"),
                        "ALTER TABLE \"s\".\"t\" ADD CONSTRAINT \"t_pkey\" PRIMARY KEY (id)"),
                obj("constraint", "constraint:s.t.t_v_check", "s", "t_v_check", List.of("table:s.t"),
                        "ALTER TABLE \"s\".\"t\" ADD CONSTRAINT \"t_v_check\" CHECK (v > 0)"),
                obj("index", "index:s.t_name_idx", "s", "t_name_idx", List.of("table:s.t"),
                        "CREATE INDEX t_name_idx ON s.t USING btree (name)"),
                obj("index", "index:s.by_name", "s", "by_name", List.of("table:s.t"),
                        "CREATE INDEX by_name ON s.t USING btree (name)"),
                obj("owned-by", "owned-by:s.t_id_seq", "s", "t_id_seq", List.of("sequence:s.t_id_seq", "table:s.t"),
                        "ALTER SEQUENCE \"s\".\"t_id_seq\" OWNED BY \"s\".\"t\".\"id\""),
                obj("index", "index:s.other_idx", "s", "other_idx", List.of("table:s.other"),
                        "CREATE INDEX other_idx ON s.other USING btree (x)"));
        DependentNames d = names("t", "t_copy", objects);
        assertThat(d.nameOf("constraint:s.t.t_pkey")).isEqualTo("t_copy_pkey");
        assertThat(d.nameOf("constraint:s.t.t_v_check")).isEqualTo("t_copy_v_check");
        assertThat(d.nameOf("index:s.t_name_idx")).isEqualTo("t_copy_name_idx");
        assertThat(d.nameOf("index:s.by_name")).isNull(); // a name of its own: kept, checked free on the target
        assertThat(d.nameOf("index:s.other_idx")).isNull();
        assertThat(d.relations()).containsEntry(new QualifiedName("s", "t_id_seq"), new QualifiedName("s", "t_copy_id_seq"))
                .containsEntry(new QualifiedName("s", "t_name_idx"), new QualifiedName("s", "t_copy_name_idx"))
                .doesNotContainKey(new QualifiedName("s", "t_pkey"));
    }

    @Test
    void derivedNamesFitIn63BytesAndStayUnique() {
        String long60 = "x".repeat(60);
        List<CatalogObject> objects = List.of(
                obj("index", "index:s.t_" + long60, "s", "t_" + long60, List.of("table:s.t"),
                        "CREATE INDEX t_" + long60 + " ON s.t USING btree (a)"),
                obj("index", "index:s.t_" + long60.substring(1) + "y", "s", "t_" + long60.substring(1) + "y",
                        List.of("table:s.t"), "CREATE INDEX x ON s.t USING btree (b)"));
        DependentNames d = names("t", "a_much_longer_table_name", objects);
        String first = d.nameOf("index:s.t_" + long60);
        String second = d.nameOf("index:s.t_" + long60.substring(1) + "y");
        assertThat(first.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
        assertThat(second.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
        assertThat(first).isNotEqualTo(second);
    }
}
