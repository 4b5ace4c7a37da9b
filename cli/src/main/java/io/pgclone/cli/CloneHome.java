package io.pgclone.cli;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the embedded stack of each clone lives ({@code ~/.pgclone/clones/<clone id>}, or under {@code PGCLONE_HOME}):
 * its broker's topics, the worker's offsets and the registry's schemas. Kept while a clone is cancelled or failed,
 * so that {@code pgclone resume} continues from its checkpoints; removed when it is done or cleared.
 */
final class CloneHome {
    private CloneHome() {
    }

    /** What a clone id may be: it names folders, topics and connectors, so nothing that could climb out of them. */
    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,199}");

    static boolean isValidId(String cloneId) {
        return cloneId != null && ID.matcher(cloneId).matches();
    }

    /** The clone's folder; the id is checked here, wherever it came from (an option, a row in the target). */
    static Path dir(String cloneId, Path override) {
        if (!isValidId(cloneId)) {
            throw new UserError("--clone-id: '" + cloneId.replaceAll("\\p{Cntrl}", "?") + "' is not a clone id "
                    + "(a letter or '_', then letters, digits, '.', '_' or '-')");
        }
        if (override != null) {
            return override;
        }
        String home = System.getenv("PGCLONE_HOME");
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".pgclone");
        return base.resolve("clones").resolve(cloneId);
    }
}
