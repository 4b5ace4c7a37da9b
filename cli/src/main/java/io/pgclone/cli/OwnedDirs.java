package io.pgclone.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Folders the CLI made, and so the only ones it ever deletes: each holds a marker file written when the CLI created
 * it. A folder the user named that already existed (a {@code --work-dir} of theirs, a home directory) has none, so
 * it is refused before anything runs, and nothing in it is ever removed.
 */
final class OwnedDirs {
    static final String MARKER = ".pgclone-owned";

    private OwnedDirs() {
    }

    /**
     * A folder for the CLI: created private with its marker when it does not exist, accepted when the CLI made it,
     * refused (naming {@code option}) when someone else did.
     */
    static Path claim(Path dir, String option) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
                if (!isOwned(abs)) {
                    throw new UserError(option + ": " + abs + " already exists and was not created by pgclone; give a "
                            + "folder that does not exist yet (pgclone creates it, and removes it when the clone is done)");
                }
                return abs;
            }
            PrivateDirs.create(abs);
            Files.createFile(abs.resolve(MARKER));
            return abs;
        } catch (IOException e) {
            throw new UserError(option + ": cannot create " + abs + ": " + e.getMessage());
        }
    }

    /** Whether the CLI created the folder: a real folder (not a link) holding the marker as a regular file. */
    static boolean isOwned(Path dir) {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                && Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
    }

    /** Deletes the folder and what is in it when the CLI created it (links are removed, never followed). */
    static boolean deleteIfOwned(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (!isOwned(abs)) {
            return false;
        }
        try (var paths = Files.walk(abs)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
        return true;
    }
}
