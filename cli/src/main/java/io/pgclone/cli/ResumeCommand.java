package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.state.CloneProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue a cancelled or failed clone from its checkpoints: chunks already committed in the",
                "target are not read again. The rest is read under a new snapshot (the summary says so)."})
final class ResumeCommand implements Callable<Integer> {
    @Mixin
    TargetOption target;

    @Option(names = "--source", paramLabel = "CONNINFO",
            description = {"The source's password (or client key passphrase) again, if the clone was started with one",
                    "and neither PGPASSWORD nor the password file has it; the stored connection is used otherwise."})
    String source;

    @Option(names = "--clone-id", required = true, description = "The clone to resume.")
    String cloneId;

    @Option(names = "--connect", paramLabel = "URL", description = "The Connect cluster running the clone, if not embedded.")
    String connectUrl;

    @Option(names = "--connect-secrets-dir", paramLabel = "DIR",
            description = "With --connect: the folder given to clone, where the run's passwords go again.")
    Path secretsDir;

    @Option(names = "--work-dir", description = "The embedded stack's directory, if not the default.")
    Path workDir;

    @Option(names = "--timeout", paramLabel = "MINUTES", description = "Give up after this many minutes.")
    Integer timeoutMinutes;

    @Option(names = "--no-progress", description = "Print progress lines instead of a live bar.")
    boolean noProgress;

    @Override
    public Integer call() {
        ConnInfo src = source == null ? null
                : ConnectionCheck.check("--source", ConnectionCheck.parse("--source", source));
        CloneProgress p = CloneSession.resume(cloneId, src, target.connInfo(), new CloneSession.Options(connectUrl,
                workDir, true, !noProgress, timeoutMinutes == null ? null : Duration.ofMinutes(timeoutMinutes), secretsDir));
        return p.isDone() ? 0 : 1;
    }
}
