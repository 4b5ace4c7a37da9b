package io.pgclone.transforms;

import io.pgclone.core.protocol.ControlMessage;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaskTest {
    private static Mask<SourceRecord> mask(Map<String, String> props) {
        Mask<SourceRecord> m = new Mask<>();
        m.configure(props);
        return m;
    }

    @Test
    void masksKeyAndValueAndDropsTheSpecialHeader() {
        Mask<SourceRecord> m = mask(Map.of("mask", "{\"email\": \"email\", \"full_name\": \"name\"}"));
        SourceRecord in = Rows.person("p.hr.people", "alice@example.com", "Alice", 100, "Berlin", 0L);
        SourceRecord out = m.apply(in);
        assertThat(in.headers().lastWithName("pgclone.special.full_name")).as("the input record is left as it was")
                .isNotNull();
        assertThat(((Struct) out.value()).getString("email")).isEqualTo("a***@example.com");
        assertThat(((Struct) out.value()).getString("full_name")).isEqualTo("XXXX");
        assertThat(((Struct) out.value()).getInt32("salary")).isEqualTo(100);
        assertThat(((Struct) out.key()).getString("email")).isEqualTo("a***@example.com");
        assertThat(out.headers().lastWithName("pgclone.special.full_name")).isNull();
        assertThat(out.headers().lastWithName("pgclone.clone")).isNotNull();
    }

    @Test
    void tableMasksApplyToTheirTableOnly() {
        Mask<SourceRecord> m = mask(Map.of("masks", "{\"hr.people\": {\"city\": {\"type\": \"constant\", \"value\": \"X\"}},"
                + " \"other\": {\"email\": \"null\"}}", "mask", "{\"salary\": {\"type\": \"random_int\", \"min\": 1, \"max\": 1}}"));
        Struct v = (Struct) m.apply(Rows.person("p.hr.people", "a@b.de", "A", 100, "Berlin", 0L)).value();
        assertThat(v.getString("city")).isEqualTo("X");
        assertThat(v.getInt32("salary")).isEqualTo(1);
        assertThat(v.getString("email")).isEqualTo("a@b.de");
        Struct w = (Struct) m.apply(Rows.person("p.sales.people", "a@b.de", "A", 100, "Berlin", 0L)).value();
        assertThat(w.getString("city")).isEqualTo("Berlin"); // hr.people only
    }

    @Test
    void keyedHashIsEqualAcrossTopicsAndDependsOnTheKey() {
        Mask<SourceRecord> k1 = mask(Map.of("mask", "{\"email\": \"hash\"}", "hash.key", "one"));
        Mask<SourceRecord> k2 = mask(Map.of("mask", "{\"email\": \"hash\"}", "hash.key", "two"));
        String a = ((Struct) k1.apply(Rows.person("p.hr.people", "a@b.de", null, null, null, null)).value()).getString("email");
        String b = ((Struct) k1.apply(Rows.person("p.sales.leads", "a@b.de", null, null, null, null)).value()).getString("email");
        String c = ((Struct) k2.apply(Rows.person("p.hr.people", "a@b.de", null, null, null, null)).value()).getString("email");
        assertThat(a).hasSize(32).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void refusesAConfigProviderReferenceTheWorkerLeftUnresolvedAsTheKey() {
        // a worker without the file provider, or a file without mask.key, passes the reference on as it is
        String unresolved = "${file:/etc/pgclone/missing.properties:mask.key}";
        assertThatThrownBy(() -> mask(Map.of("mask", "{\"email\": \"hash\"}", "hash.key", unresolved)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("hash.key").hasMessageContaining("not resolved")
                .hasMessageNotContaining("missing.properties");
        assertThatThrownBy(() -> mask(Map.of("mask", "{\"email\": \"hash\"}", "hash.key", "k-" + unresolved)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("hash.key");
        var errors = Mask.CONFIG_DEF.validate(Map.of("mask", "{\"email\": \"hash\"}", "hash.key", unresolved)).stream()
                .filter(v -> v.name().equals("hash.key")).findFirst().orElseThrow().errorMessages();
        assertThat(errors).singleElement().asString().contains("hash.key").doesNotContain("missing.properties");
    }

    @Test
    void refusesAnEmptyKeyInsteadOfFallingBackToMd5() {
        assertThatThrownBy(() -> mask(Map.of("mask", "{\"email\": \"hash\"}", "hash.key", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("hash.key").hasMessageContaining("empty");
    }

    @Test
    void passesMarkersAndControlRecords() {
        Mask<SourceRecord> m = mask(Map.of("mask", "{\"email\": \"email\"}"));
        SourceRecord marker = new SourceRecord(null, null, "p.hr.people", 0, null, null, null, null, null, new ConnectHeaders());
        assertThat(m.apply(marker)).isSameAs(marker);
        SourceRecord control = new SourceRecord(null, null, "p._control", 0, ControlMessage.KEY_SCHEMA, "c",
                ControlMessage.VALUE_SCHEMA, ControlMessage.toStruct("manifest", "c", 1, Map.of("email", "x")));
        assertThat(m.apply(control)).isSameAs(control);
    }

    @Test
    void refusesAMaskThatCannotFitTheColumn() {
        Mask<SourceRecord> m = mask(Map.of("mask", "{\"salary\": \"hash\"}"));
        assertThatThrownBy(() -> m.apply(Rows.person("p.hr.people", "a@b.de", null, 1, null, null)))
                .isInstanceOf(DataException.class).hasMessageContaining("column salary").hasMessageContaining("p.hr.people");
        Mask<SourceRecord> n = mask(Map.of("mask", "{\"email\": \"null\"}"));
        assertThatThrownBy(() -> n.apply(Rows.person("p.hr.people", "a@b.de", null, 1, null, null)))
                .hasMessageContaining("NOT NULL");
    }

    @Test
    void badConfigIsAConfigError() {
        assertThatThrownBy(() -> mask(Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("nothing to mask");
        assertThatThrownBy(() -> Mask.CONFIG_DEF.parse(Map.of("mask", "{\"email\": \"scramble\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown strategy 'scramble'");
    }
}
