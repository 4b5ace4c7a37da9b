package io.pgclone.core.mask;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaskOptionsTest {

    @Test
    void readsPgclonesOptionInBothForms() {
        Map<String, MaskStrategy> m = MaskOptions.parse("{\"email\": \"email\", \"salary\": {\"type\": \"random_int\","
                + " \"min\": 1, \"max\": 9}, \"phone\": {\"type\": \"phone\", \"keep_last\": 4}, \"last\": {\"type\":"
                + " \"partial\", \"prefix\": 2, \"suffix\": 3}, \"note\": {\"type\": \"constant\", \"value\": 0},"
                + " \"ssn\": {\"type\": \"null\", \"reason\": \"column name matches %ssn%\"}}", HashKey.NONE);
        assertThat(m.get("email")).isInstanceOf(MaskStrategy.Email.class);
        assertThat(m.get("salary")).isEqualTo(new MaskStrategy.RandomInt(1, 9));
        assertThat(m.get("phone")).isEqualTo(new MaskStrategy.Phone(4));
        assertThat(m.get("last")).isEqualTo(new MaskStrategy.Partial(2, 3));
        assertThat(m.get("note")).isEqualTo(new MaskStrategy.Constant("0", true));
        assertThat(m.get("ssn")).isInstanceOf(MaskStrategy.Null.class);
        assertThat(MaskOptions.parse("{\"p\": \"partial\"}", HashKey.NONE).get("p")).isEqualTo(new MaskStrategy.Partial(1, 1));
        assertThat(MaskOptions.toJson(m)).contains("\"salary\":{\"type\":\"random_int\",\"min\":1,\"max\":9}");
    }

    @Test
    void groupedByTable() {
        Map<String, Map<String, MaskStrategy>> m = MaskOptions.parseByTable("{\"employees\": {\"email\": \"email\"},"
                + " \"hr.people\": {\"name\": \"name\"}}", HashKey.NONE);
        assertThat(m).containsOnlyKeys("employees", "hr.people");
    }

    @Test
    void errorsNameTheColumnAndTheProblem() {
        assertThatThrownBy(() -> MaskOptions.parse("{\"email\": \"scramble\"}", HashKey.NONE))
                .hasMessageContaining("column email: unknown strategy 'scramble'");
        assertThatThrownBy(() -> MaskOptions.parse("{\"p\": {\"type\": \"phone\", \"keep\": 4}}", HashKey.NONE))
                .hasMessageContaining("column p: phone has no parameter 'keep'");
        assertThatThrownBy(() -> MaskOptions.parse("{\"p\": {\"type\": \"partial\", \"prefix\": -1}}", HashKey.NONE))
                .hasMessageContaining("prefix must be an integer of 0 or more");
        assertThatThrownBy(() -> MaskOptions.parse("{\"c\": {\"type\": \"constant\"}}", HashKey.NONE))
                .hasMessageContaining("constant needs a \"value\"");
        assertThatThrownBy(() -> MaskOptions.parse("{\"c\": 5}", HashKey.NONE)).hasMessageContaining("column c");
        assertThatThrownBy(() -> MaskOptions.parse("{\"c\": ", HashKey.NONE)).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> MaskOptions.parse("[1]", HashKey.NONE)).hasMessageContaining("JSON object");
    }
}
