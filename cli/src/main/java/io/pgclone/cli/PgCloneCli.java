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
        cli.setParameterExceptionHandler(PgCloneCli::badArguments);
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

    /**
     * A wrong option as one line naming it, like every other bad input ("error: --tasks: 'abc' is not an int"),
     * instead of picocli's message followed by the whole usage text.
     */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String message = e.getMessage();
        String option = null;
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            option = arg.startsWith("-") ? arg.split("=", 2)[0] : null;
            message = option != null ? "unknown option" : "unexpected argument '" + arg + "'";
        } else if (e instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()
                && m.getMissing().get(0) instanceof CommandLine.Model.OptionSpec o) {
            option = o.longestName();
            message = "is required";
        } else if (e.getArgSpec() instanceof CommandLine.Model.OptionSpec o) {
            option = o.longestName();
            // "Invalid value for option '--tasks': 'abc' is not an int": the option moves to the front
            message = message.replaceFirst("^Invalid value for option '[^']*': ", "");
        }
        String help = cmd.getCommandSpec().qualifiedName() + " --help";
        cmd.getErr().println("error: " + (option != null ? option + ": " : "") + message + " (" + help
                + " lists the options)");
        return 2;
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
