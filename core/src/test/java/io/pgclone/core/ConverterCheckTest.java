package io.pgclone.core;

import io.pgclone.core.protocol.ControlMessage;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConverterCheckTest {
    private static final String JSON = "org.apache.kafka.connect.json.JsonConverter";

    @Test
    void shouldAcceptTheConvertersTheRecordsSurvive() {
        assertThat(ConverterCheck.problem(Map.of(), false)).isNull();
        assertThat(ConverterCheck.problem(Map.of("value.converter", JSON), false)).isNull();
        assertThat(ConverterCheck.problem(Map.of("value.converter", "io.apicurio.registry.utils.converter.AvroConverter"),
                false)).isNull();
        assertThat(ConverterCheck.problem(Map.of("value.converter",
                "org.apache.kafka.connect.converters.ByteArrayConverter"), true)).isNull();
        assertThat(ConverterCheck.problem(Map.of("value.converter", JSON, "value.converter.schemas.enable", "false"),
                null)).as("the sink cannot tell the format; control records work schemaless").isNull();
    }

    @Test
    void shouldNameTheSettingThatCannotWork() {
        assertThat(ConverterCheck.problem(Map.of("value.converter", JSON, "value.converter.schemas.enable", "false"),
                false).setting()).isEqualTo("value.converter.schemas.enable");
        assertThat(ConverterCheck.problem(Map.of("value.converter",
                "org.apache.kafka.connect.storage.StringConverter"), null).setting()).isEqualTo("value.converter");
        assertThat(ConverterCheck.problem(Map.of("value.converter",
                "io.apicurio.registry.utils.converter.AvroConverter"), true).message()).contains("ByteArrayConverter");
    }

    @Test
    void shouldReadAControlRecordThatCameThroughSchemalessJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "MANIFEST");
        m.put("clone", "c1");
        m.put("generation", 3L);
        m.put("body", "{\"tables\": 2}");
        ControlMessage c = ControlMessage.fromValue(m);
        assertThat(c.type()).isEqualTo("MANIFEST");
        assertThat(c.cloneId()).isEqualTo("c1");
        assertThat(c.generation()).isEqualTo(3);
    }
}
