package io.pgclone.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that a generated document in docs/ is current; with {@code -Dpgclone.update.docs=true} rewrites it.
 */
public final class GeneratedDocs {
    private GeneratedDocs() {
    }

    public static void check(Path repoRelative, String expected) throws IOException {
        Path root = Path.of(System.getProperty("pgclone.repo.dir", ".."));
        Path file = root.resolve(repoRelative);
        if (Boolean.getBoolean("pgclone.update.docs")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected);
        }
        assertThat(Files.exists(file) ? Files.readString(file) : "")
                .as("%s is stale: regenerate it with ./mvnw test -Dpgclone.update.docs=true", repoRelative)
                .isEqualTo(expected);
    }
}
