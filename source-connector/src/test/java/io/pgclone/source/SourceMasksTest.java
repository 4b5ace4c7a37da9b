package io.pgclone.source;

import io.pgclone.core.catalog.ColumnDef;
import io.pgclone.core.catalog.ColumnType;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.mask.HashKey;
import io.pgclone.core.protocol.ChunkPlan;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.core.types.RowSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which columns of a table the source reads as their masks, and the COPY query that reads them. */
class SourceMasksTest {
    private static final ColumnType TEXT = new ColumnType("text", "text", true, 'b', 'S', -1, null, null);
    private static final ColumnType INT4 = new ColumnType("integer", "int4", true, 'b', 'N', -1, null, null);
    private static final TableDef STAFF = new TableDef(new QualifiedName("hr", "staff"), 1, List.of(
            new ColumnDef("id", INT4, true, null, null, null, null),
            new ColumnDef("email", TEXT, false, null, null, null, null),
            new ColumnDef("Full Name", TEXT, false, null, null, null, null)), null, 10, 100);
    private static final String TOPIC = "p.hr.staff";

    @Test
    void shouldMergeEveryTableMasksWithTheTablesOwnWhichWin() {
        SourceMasks m = SourceMasks.of("{\"email\": \"email\", \"phone\": \"phone\"}",
                "{\"staff\": {\"email\": \"hash\", \"Full Name\": \"name\"}}", HashKey.NONE);
        var fitted = m.forTable(STAFF, TOPIC);
        assertThat(fitted.keySet()).containsExactly("email", "Full Name");
        assertThat(fitted.get("email").strategy().type()).isEqualTo("hash");
        assertThat(m.forTable(STAFF, "p.hr.other")).containsOnlyKeys("email"); // phone: not a column there
    }

    @Test
    void shouldMaskAPartitionAsItsParentSays() {
        TableDef partition = new TableDef(new QualifiedName("hr", "staff_2024"), 2, STAFF.columns(), null, 10, 100,
                false, false, List.of(), null, STAFF.name(), "FOR VALUES FROM (1) TO (9)", List.of());
        var fitted = SourceMasks.of("", "{\"hr.staff\": {\"email\": \"email\"}}", HashKey.NONE)
                .forTable(partition, "p.hr.staff_2024");
        assertThat(fitted).containsOnlyKeys("email");
    }

    @Test
    void shouldReadEachMaskedColumnAsItsMaskOfTheColumnsType() {
        var masks = SourceMasks.of("", "{\"hr.staff\": {\"Full Name\": \"name\"}}", HashKey.NONE).forTable(STAFF, TOPIC);
        TableRuntime t = new TableRuntime(STAFF, RowSchema.of(STAFF), TOPIC, new ChunkPlan(1, 1000), null, masks);
        assertThat(ChunkReader.query(t, 0)).isEqualTo("COPY (SELECT \"id\", \"email\", CAST(CASE WHEN CAST(\"Full Name\""
                + " AS text) IS NULL THEN NULL ELSE 'XXXX' END AS text) AS \"Full Name\" FROM ONLY \"hr\".\"staff\")"
                + " TO STDOUT");
        TableRuntime plain = new TableRuntime(STAFF, RowSchema.of(STAFF), TOPIC, new ChunkPlan(1, 1000), null, Map.of());
        assertThat(ChunkReader.query(plain, 0)).startsWith("COPY \"hr\".\"staff\" (");
    }

    @Test
    void shouldNameTheTableAndColumnWhenATablesMaskDoesNotFit() {
        SourceMasks wrongType = SourceMasks.of("", "{\"staff\": {\"id\": \"email\"}}", HashKey.NONE);
        assertThatThrownBy(() -> wrongType.forTable(STAFF, TOPIC)).hasMessageStartingWith("table hr.staff: column id");
        SourceMasks missing = SourceMasks.of("", "{\"staff\": {\"ssn\": \"null\"}}", HashKey.NONE);
        assertThatThrownBy(() -> missing.forTable(STAFF, TOPIC)).hasMessageStartingWith("table hr.staff has no column ssn");
    }

    @Test
    void shouldAskForTheKeyOnlyWhenAKeyedHashIsAmongTheMasks() {
        HashKey key = HashKey.of("s3cr3t-kiwi");
        assertThat(SourceMasks.of("{\"email\": \"hash\"}", "", key).needsKey()).isTrue();
        assertThat(SourceMasks.of("{\"email\": \"email\"}", "", key).needsKey()).isFalse();
        assertThat(SourceMasks.of("{\"email\": \"hash\"}", "", HashKey.NONE).needsKey()).isFalse();
        assertThat(SourceMasks.of("", "", key).toString()).doesNotContain("s3cr3t-kiwi");
    }
}
