package io.pgclone.it.badinput;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of the catalogue against the real system: the error is one line, names the culprit and says what is
 * wrong; the source is as it was, and so are the target and the clone's topics (for a case refused before anything
 * ran) or the target's existing objects (for one refused while running).
 */
class BadInputCatalogueIT {

    /** Every case; {@code -Dpgclone.it.badinput=id,GROUP,...} runs only those named (while working on them). */
    static List<BadInput> cases() {
        String only = System.getProperty("pgclone.it.badinput", "");
        if (only.isBlank()) {
            return Catalogue.all();
        }
        List<String> names = List.of(only.split(","));
        return Catalogue.all().stream().filter(c -> names.contains(c.id()) || names.contains(c.group().name())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldRefuseInOneLineNamingTheCulpritAndChangeNothing(BadInput c) throws Exception {
        World w = World.create();
        if (c.setup() != null) {
            c.setup().prepare(w);
        }
        String source = w.fingerprint(w.source);
        String target = w.fingerprint(w.target);
        java.util.List<String> existing = w.targetObjects();
        TreeSet<String> topics = w.topics();

        Trial.Observed seen = c.trial().run(w);

        assertThat(seen).as("an error for %s", c.input()).isNotNull();
        assertThat(seen.message()).as("one line").doesNotContain("\n");
        if (c.trial().leaves() == Trial.Leaves.EVERYTHING_AS_IT_WAS && !c.group().equals(BadInput.Group.CLI)) {
            assertThat(seen.where()).as("the setting the error is attached to: %s", seen.message()).isEqualTo(c.culprit());
        } else {
            assertThat(seen.where() + ": " + seen.message()).as("names the culprit").contains(c.culprit());
        }
        assertThat(seen.message()).contains(c.expect());
        assertThat(w.fingerprint(w.source)).as("the source").isEqualTo(source);
        if (c.trial().leaves() == Trial.Leaves.EVERYTHING_AS_IT_WAS) {
            assertThat(w.fingerprint(w.target)).as("the target").isEqualTo(target);
            assertThat(w.topics()).as("the clone's topics").isEqualTo(topics);
        } else if (c.trial().leaves() == Trial.Leaves.SOURCE_AND_EXISTING_TARGET_OBJECTS_AS_THEY_WERE) {
            assertThat(w.targetObjects()).as("what the target held before, each as it was").containsAll(existing);
        }
    }
}
