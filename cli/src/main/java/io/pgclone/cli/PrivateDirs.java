package io.pgclone.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Folders the CLI creates for itself: readable by this user only (0700), like ~/.ssh. */
final class PrivateDirs {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateDirs() {
    }

    /** Creates the folder and its missing parents, the ones created here private; an existing one is left as it is. */
    static Path create(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return abs;
        }
        if (abs.getParent() != null) {
            create(abs.getParent());
        }
        try {
            Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(abs)) {
                throw e;
            }
        }
        Files.setPosixFilePermissions(abs, OWNER_ONLY); // the umask may have narrowed what createDirectory set
        return abs;
    }
}
