package io.pgclone.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Artifacts the stack runs (server binaries) found in the local Maven repository, or downloaded from Maven
 * Central into it on first use, so a fresh machine needs nothing installed by hand.
 */
final class MavenArtifacts {
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private MavenArtifacts() {
    }

    static Path resolve(String group, String artifact, String version, String classifier, String type) throws IOException {
        String file = artifact + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + type;
        String rel = group.replace('.', '/') + "/" + artifact + "/" + version + "/" + file;
        Path local = localRepository().resolve(rel);
        if (Files.isRegularFile(local)) {
            return local;
        }
        Files.createDirectories(local.getParent());
        Path part = Files.createTempFile(local.getParent(), artifact, ".part");
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(CENTRAL + rel)).timeout(Duration.ofMinutes(15)).build();
        try {
            HttpResponse<Path> resp = http.send(req, HttpResponse.BodyHandlers.ofFile(part));
            if (resp.statusCode() != 200) {
                Files.deleteIfExists(part);
                throw new IOException("Maven Central answered HTTP " + resp.statusCode() + " for " + CENTRAL + rel);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + rel, e);
        }
        Files.move(part, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return local;
    }

    private static Path localRepository() {
        String repo = System.getProperty("maven.repo.local");
        if (repo != null && !repo.isBlank()) {
            return Path.of(repo);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}
