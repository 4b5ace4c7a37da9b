package io.pgclone.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the CLI is installed: the directory of pgclone.jar, which holds lib/ and plugins/. */
final class CliHome {
    private CliHome() {
    }

    static Path dir() {
        String override = System.getProperty("pgclone.cli.home");
        if (override != null) {
            return Path.of(override);
        }
        try {
            Path jar = Path.of(PgCloneCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(jar) ? jar.getParent() : jar.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plugin path for the embedded worker: the folder holding pgclone-connect/. */
    static Path pluginPath() {
        String override = System.getProperty("pgclone.plugin.path");
        Path p = override != null ? Path.of(override) : dir().resolve("plugins");
        if (!Files.isDirectory(p.resolve("pgclone-connect"))) {
            throw new UserError("the Connect plugin is missing from " + p + " (build it with ./mvnw package)");
        }
        return p;
    }
}
