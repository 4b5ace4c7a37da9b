package io.pgclone.it.badinput;

import io.pgclone.testkit.GeneratedDocs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/bad-input.md is the catalogue as the IT runs it: regenerate with -Dpgclone.update.docs=true. */
class BadInputDocsTest {

    @Test
    void theDocumentListsEveryCaseOfTheCatalogue() throws Exception {
        List<BadInput> all = Catalogue.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(120);
        GeneratedDocs.check(Path.of("docs/bad-input.md"), render(all));
    }

    static String render(List<BadInput> all) {
        StringBuilder b = new StringBuilder();
        b.append("# Bad input: what pgclone-connect refuses, and how\n\n");
        b.append("Generated from the catalogue in `it/src/test/java/io/pgclone/it/badinput/`; each row is one case of\n");
        b.append("`BadInputCatalogueIT`, run by `./mvnw verify` against real PostgreSQL, Kafka and Connect. Every case checks\n");
        b.append("that the error is one line naming the culprit and holding the words shown, that the source is as it was,\n");
        b.append("and that the target and the clone's topics are as they were (refused before anything ran) or that every\n");
        b.append("object the target held before is (refused while running). ").append(all.size()).append(" cases.\n");
        BadInput.Group group = null;
        for (BadInput c : all) {
            if (c.group() != group) {
                group = c.group();
                b.append("\n## ").append(group.title).append("\n\n");
                b.append("| case | bad input | culprit named | the error says |\n|---|---|---|---|\n");
            }
            b.append("| `").append(c.id()).append("` | ").append(cell(c.input())).append(" | `").append(cell(c.culprit()))
                    .append("` | ").append(cell(c.expect())).append(" |\n");
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
