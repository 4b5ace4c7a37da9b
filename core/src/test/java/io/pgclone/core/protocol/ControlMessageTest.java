package io.pgclone.core.protocol;

import io.pgclone.core.catalog.CatalogObject;
import io.pgclone.core.catalog.ColumnDef;
import io.pgclone.core.catalog.ColumnType;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.sql.QualifiedName;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ControlMessageTest {

    @Test
    void shouldRoundTripATableDefinitionExactly() {
        ColumnType int8 = new ColumnType("bigint", "int8", true, 'b', 'N', -1, null, null);
        ColumnType arr = new ColumnType("integer[]", "_int4", true, 'b', 'A', -1, "int4", 'b');
        TableDef t = new TableDef(new QualifiedName("app", "Odd Name"), 42,
                List.of(new ColumnDef("id", int8, true, null, "", "", null),
                        new ColumnDef("g", int8, false, "(id * 2)", "", "s", null),
                        new ColumnDef("a", arr, false, null, "d", "", "pg_catalog.\"C\"")),
                new TableDef.PrimaryKey("t_pkey", List.of("id"), "PRIMARY KEY (id)"), 10, 1000);

        Struct s = ControlMessage.toStruct(ControlMessage.OBJECT, "c1", 3, CatalogObject.table(t));
        ControlMessage m = ControlMessage.fromValue(s);

        assertThat(m.type()).isEqualTo(ControlMessage.OBJECT);
        assertThat(m.cloneId()).isEqualTo("c1");
        assertThat(m.generation()).isEqualTo(3);
        CatalogObject back = m.bodyAs(CatalogObject.class);
        assertThat(back.table()).isEqualTo(t);
        assertThat(back.table().columns().get(0).isGenerated()).isFalse();
        assertThat(back.table().columns().get(1).isGenerated()).isTrue();
    }
}
