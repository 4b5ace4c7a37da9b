package io.pgclone.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL client programs (pgbench, pg_dump, psql) from Debian's postgresql-client-15, the only client packaged
 * for this machine. Installed with apt-get on first use when missing (CI runs as root); a clear error otherwise.
 */
public final class ClientTools {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private ClientTools() {
    }

    public static synchronized Path tool(String name) {
        Path p = BIN.resolve(name);
        if (!Files.isExecutable(p)) {
            install();
        }
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(name + " is not installed and apt-get could not install postgresql-client-15");
        }
        return p;
    }

    private static void install() {
        try {
            Process proc = new ProcessBuilder(List.of("apt-get", "install", "-y", "-q", "postgresql-client-15"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!proc.waitFor(10, TimeUnit.MINUTES)) {
                proc.destroyForcibly();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run apt-get to install postgresql-client-15: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
