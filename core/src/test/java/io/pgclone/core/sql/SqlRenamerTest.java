package io.pgclone.core.sql;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SqlRenamerTest {
    private final SqlRenamer r = new SqlRenamer(Map.of("s", "s2"),
            Map.of(new QualifiedName("s", "t1"), new QualifiedName("s", "t1_copy")));

    @Test
    void renamesQualifiedNamesAndTables() {
        assertThat(r.apply("SELECT s.f(), x FROM s.t1 JOIN \"s\".t2 ON true WHERE c = 's.t1'"))
                .isEqualTo("SELECT \"s2\".f(), x FROM \"s\".\"t1_copy\" JOIN \"s2\".t2 ON true WHERE c = 's.t1'");
    }

    @Test
    void renamesTheNameAfterTheSchemaKeyword() {
        assertThat(r.apply("CREATE SCHEMA IF NOT EXISTS \"s\"")).isEqualTo("CREATE SCHEMA IF NOT EXISTS \"s2\"");
        assertThat(r.apply("ALTER SCHEMA s OWNER TO bob")).isEqualTo("ALTER SCHEMA \"s2\" OWNER TO bob");
        assertThat(r.apply("GRANT USAGE ON SCHEMA \"s\" TO PUBLIC")).isEqualTo("GRANT USAGE ON SCHEMA \"s2\" TO PUBLIC");
        assertThat(r.apply("COMMENT ON SCHEMA s IS 'schema s'")).isEqualTo("COMMENT ON SCHEMA \"s2\" IS 'schema s'");
        assertThat(r.apply("CREATE SCHEMA other")).isEqualTo("CREATE SCHEMA other");
        assertThat(r.apply("SELECT schema, s FROM x")).isEqualTo("SELECT schema, s FROM x");
    }
}
