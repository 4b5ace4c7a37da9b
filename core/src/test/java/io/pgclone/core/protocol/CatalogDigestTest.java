package io.pgclone.core.protocol;

import io.pgclone.core.catalog.CatalogObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogDigestTest {
    private final List<CatalogObject> objects = List.of(
            new CatalogObject("schema", "schema:app", "app", "app", CatalogObject.PRE_DATA, null, List.of(), List.of(),
                    List.of("CREATE SCHEMA IF NOT EXISTS \"app\""), null),
            new CatalogObject("comment", "comment:schema:app", "app", "app", CatalogObject.PRE_DATA, null,
                    List.of("schema:app"), List.of(), List.of("COMMENT ON SCHEMA \"app\" IS E'a\\\\b ''ü'''"), null));

    @Test
    void theSinkComputesTheSourcesDigestWhicheverConverterCarriedTheBodies() {
        CatalogDigest sent = CatalogDigest.of(objects);
        CatalogDigest.Builder viaStruct = new CatalogDigest.Builder();
        CatalogDigest.Builder viaBytes = new CatalogDigest.Builder();
        for (CatalogObject o : objects) {
            viaStruct.add(ControlMessage.fromValue(ControlMessage.toStruct(ControlMessage.OBJECT, "c", 1, o)).body());
            viaBytes.add(ControlMessage.fromValue(ControlMessage.toBytes(ControlMessage.OBJECT, "c", 1, o)).body());
        }
        assertThat(viaStruct.result()).isEqualTo(sent);
        assertThat(viaBytes.result()).isEqualTo(sent);
        assertThat(sent.objects()).isEqualTo(2);
    }

    @Test
    void anyChangeOfOrderOrTextChangesTheDigest() {
        CatalogDigest sent = CatalogDigest.of(objects);
        assertThat(CatalogDigest.of(List.of(objects.get(1), objects.get(0)))).isNotEqualTo(sent);
        assertThat(CatalogDigest.of(List.of(objects.get(0), objects.get(1).withStatements(List.of("DROP TABLE x")))))
                .isNotEqualTo(sent);
        assertThat(CatalogDigest.of(List.of(objects.get(0)))).isNotEqualTo(sent);
    }
}
