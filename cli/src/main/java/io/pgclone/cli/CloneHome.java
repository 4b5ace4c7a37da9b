package io.pgclone.cli;

import java.nio.file.Path;

/**
 * Where the embedded stack of each clone lives ({@code ~/.pgclone/clones/<clone id>}, or under {@code PGCLONE_HOME}):
 * its broker's topics, the worker's offsets and the registry's schemas. Kept while a clone is cancelled or failed,
 * so that {@code pgclone resume} continues from its checkpoints; removed when it is done or cleared.
 */
final class CloneHome {
    private CloneHome() {
    }

    static Path dir(String cloneId, Path override) {
        if (override != null) {
            return override;
        }
        String home = System.getenv("PGCLONE_HOME");
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".pgclone");
        return base.resolve("clones").resolve(cloneId);
    }
}
