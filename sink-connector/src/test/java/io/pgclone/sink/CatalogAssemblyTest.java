package io.pgclone.sink;

import io.pgclone.core.protocol.CatalogDigest;
import io.pgclone.core.catalog.CatalogObject;
import io.pgclone.core.protocol.ControlMessage;
import io.pgclone.core.protocol.Manifest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogAssemblyTest {
    private final CatalogAssembly assembly = new CatalogAssembly();

    private static CatalogObject schema(String name) {
        return new CatalogObject("schema", "schema:" + name, name, name, CatalogObject.PRE_DATA, null, List.of(),
                List.of(), List.of("CREATE SCHEMA IF NOT EXISTS \"" + name + "\""), null);
    }

    private static Manifest manifest(String clone, int generation, List<CatalogObject> objects) {
        return new Manifest(clone, generation, 1, "snap", "0/0", true, "p", "2026-01-01T00:00:00Z", List.of(),
                List.of(), CatalogDigest.of(objects));
    }

    private static ControlMessage msg(String type, String clone, int generation, Object body) {
        return ControlMessage.fromValue(ControlMessage.toStruct(type, clone, generation, body));
    }

    /** The records a source task sends for one generation: manifest, objects, catalog-end. */
    private static List<ControlMessage> generation(String clone, int generation, List<CatalogObject> objects) {
        List<ControlMessage> out = new ArrayList<>();
        out.add(msg(ControlMessage.MANIFEST, clone, generation, manifest(clone, generation, objects)));
        objects.forEach(o -> out.add(msg(ControlMessage.OBJECT, clone, generation, o)));
        out.add(msg(ControlMessage.CATALOG_END, clone, generation, Map.of("objects", objects.size())));
        return out;
    }

    private List<CatalogAssembly.Outcome> feed(List<ControlMessage> records) {
        List<CatalogAssembly.Outcome> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            CatalogAssembly.Outcome o = assembly.accept(records.get(i), i);
            if (!(o instanceof CatalogAssembly.Nothing)) {
                out.add(o);
            }
        }
        return out;
    }

    @Test
    void twoClonesInterleavedOnOneTopicEachGetTheirOwnObjects() {
        List<ControlMessage> a = generation("a", 1, List.of(schema("a1"), schema("a2")));
        List<ControlMessage> b = generation("b", 1, List.of(schema("b1"), schema("b2"), schema("b3")));
        List<ControlMessage> mixed = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                mixed.add(a.get(i));
            }
            if (i < b.size()) {
                mixed.add(b.get(i));
            }
        }
        List<CatalogAssembly.Outcome> out = feed(mixed);
        assertThat(out).hasSize(2).allMatch(o -> o instanceof CatalogAssembly.Ready);
        CatalogAssembly.Ready ra = (CatalogAssembly.Ready) out.get(0);
        CatalogAssembly.Ready rb = (CatalogAssembly.Ready) out.get(1);
        assertThat(ra.manifest().cloneId()).isEqualTo("a");
        assertThat(ra.objects()).extracting(CatalogObject::identity).containsExactly("schema:a1", "schema:a2");
        assertThat(rb.objects()).extracting(CatalogObject::identity).containsExactly("schema:b1", "schema:b2", "schema:b3");
    }

    @Test
    void anObjectNoManifestAnnouncedIsRefusedAndSpoilsNothingElse() {
        List<ControlMessage> records = new ArrayList<>();
        records.add(msg(ControlMessage.OBJECT, "ghost", 1, schema("evil")));
        records.addAll(generation("a", 1, List.of(schema("a1"))));
        List<CatalogAssembly.Outcome> out = feed(records);
        assertThat(out.get(0)).isInstanceOfSatisfying(CatalogAssembly.Refused.class, r -> {
            assertThat(r.cloneId()).isEqualTo("ghost");
            assertThat(r.reason()).contains("no manifest of clone ghost");
            assertThat(r.failedClone()).isNull();
        });
        assertThat(out.get(1)).isInstanceOf(CatalogAssembly.Ready.class);
    }

    @Test
    void aForgedObjectInsideAClonesCatalogRefusesTheWholeGeneration() {
        List<ControlMessage> records = generation("a", 1, List.of(schema("a1"), schema("a2")));
        records.add(2, msg(ControlMessage.OBJECT, "a", 1, schema("evil"))); // after a1: the count still fits
        records.remove(3); // ...and the genuine a2 is gone: same count, another digest
        List<CatalogAssembly.Outcome> out = feed(records);
        assertThat(out).singleElement().isInstanceOfSatisfying(CatalogAssembly.Refused.class, r -> {
            assertThat(r.reason()).contains("does not match its manifest").contains("another digest");
            assertThat(r.failedClone().cloneId()).isEqualTo("a");
        });
    }

    @Test
    void oneObjectMoreThanAnnouncedRefusesTheGenerationAtOnceAndItsRestQuietly() {
        List<ControlMessage> records = generation("a", 1, List.of(schema("a1")));
        records.add(1, msg(ControlMessage.OBJECT, "a", 1, schema("evil")));
        List<CatalogAssembly.Outcome> out = feed(records);
        assertThat(out).singleElement().isInstanceOfSatisfying(CatalogAssembly.Refused.class,
                r -> assertThat(r.reason()).contains("announced 1 objects"));
    }

    @Test
    void anObjectOfAnotherGenerationIsRefused() {
        List<ControlMessage> records = generation("a", 2, List.of(schema("a1")));
        records.add(1, msg(ControlMessage.OBJECT, "a", 1, schema("old")));
        List<CatalogAssembly.Outcome> out = feed(records);
        assertThat(out.get(0)).isInstanceOf(CatalogAssembly.Refused.class);
        assertThat(out.get(1)).isInstanceOf(CatalogAssembly.Ready.class);
    }

    @Test
    void aManifestWithoutADigestOrNamingAnotherCloneIsRefused() {
        Manifest noDigest = new Manifest("a", 1, 1, "s", "0/0", true, "p", "t", List.of(),
                List.of(), null);
        assertThat(assembly.accept(msg(ControlMessage.MANIFEST, "a", 1, noDigest), 0))
                .isInstanceOf(CatalogAssembly.Refused.class);
        assertThat(assembly.accept(msg(ControlMessage.MANIFEST, "b", 1, manifest("a", 1, List.of())), 1))
                .isInstanceOf(CatalogAssembly.Refused.class);
    }

    @Test
    void theSafeOffsetNeverPassesAManifestStillBeingGathered() {
        List<ControlMessage> a = generation("a", 1, List.of(schema("a1")));
        assembly.accept(a.get(0), 10);
        assembly.accept(msg(ControlMessage.MANIFEST, "b", 1, manifest("b", 1, List.of())), 11);
        assembly.accept(msg(ControlMessage.CATALOG_END, "b", 1, Map.of()), 12);
        assertThat(assembly.safeOffset(13)).isEqualTo(10);
        assembly.accept(a.get(1), 13);
        assembly.accept(a.get(2), 14);
        assertThat(assembly.safeOffset(15)).isEqualTo(15);
    }
}
