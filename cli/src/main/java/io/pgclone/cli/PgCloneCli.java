package io.pgclone.cli;

import io.pgclone.core.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pgclone} command. Exit codes: 0 done, 1 the clone failed (diff: they differ), 2 bad input, 3 cancelled. */
@Command(name = "pgclone", mixinStandardHelpOptions = true, versionProvider = PgCloneCli.VersionProvider.class,
        description = "Clone PostgreSQL tables, schemas and databases between servers through Kafka Connect.",
        subcommands = {CloneCommand.class, StatusCommand.class, CancelCommand.class, ResumeCommand.class,
                ClearCommand.class, DemoCommand.class, DiscoverCommand.class, MaskInPlaceCommand.class,
                MaskingPolicyCommand.class, MaskingReportCommand.class, DiffCommand.class, VerifyCommand.class,
                PreflightCommand.class, CloneRolesCommand.class, CommandLine.HelpCommand.class})
public final class PgCloneCli implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine cli = new CommandLine(new PgCloneCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UserError) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            if (e instanceof CloneFailed) {
                cmd.getErr().println("error: " + e.getMessage());
                return 1;
            }
            if (e instanceof Cancelled) {
                cmd.getErr().println(e.getMessage());
                return 3;
            }
            // anything else: one line, the stack trace only when asked for (PGCLONE_DEBUG=1)
            String m = String.valueOf(e.getMessage());
            cmd.getErr().println("error: " + e.getClass().getSimpleName() + ": " + m.lines().findFirst().orElse(""));
            if ("1".equals(System.getenv("PGCLONE_DEBUG"))) {
                e.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(set PGCLONE_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pgclone-connect " + Version.get()};
        }
    }
}
