package io.pgclone.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/types.md and the round-trip matrix list the same types. */
class TypesDocumentationTest {

    @Test
    void shouldTestEveryDocumentedTypeAndDocumentEveryTestedType() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("pgclone.repo.dir", ".."), "docs/types.md"));
        List<String> documented = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(doc);
        while (m.find()) {
            documented.add(m.group(1));
        }
        List<String> tested = TypeCases.CASES.stream().map(TypeCases.Case::name).toList();

        assertThat(documented).as("types in docs/types.md").isNotEmpty().doesNotHaveDuplicates();
        assertThat(tested).as("types in the round-trip matrix").containsAll(documented);
        assertThat(documented).as("types in docs/types.md").containsAll(tested);
    }
}
