package io.pgclone.cli;

import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.mask.Masking;
import io.pgclone.core.sql.QualifiedName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;

@Command(name = "masking-policy", mixinStandardHelpOptions = true,
        description = "Dynamic masking (pgclone's create/drop_masking_policy): a <table>_masked view for everyone,"
                + " the table itself only for a privileged role.",
        subcommands = {MaskingPolicyCommand.Create.class, MaskingPolicyCommand.Drop.class})
final class MaskingPolicyCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("masking-policy needs a subcommand: create or drop");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create the view and move the grants, recording what changed for drop.")
    static final class Create implements Callable<Integer> {
        @Mixin
        TargetOption target;

        @Mixin
        MaskOption mask;

        @Option(names = "--privileged-role", required = true, paramLabel = "ROLE",
                description = "The role that keeps SELECT on the table itself.")
        String role;

        @Override
        public Integer call() throws SQLException {
            if (mask.hashKeyFile != null) {
                throw new UserError("--hash-key-file: " + Masking.KEYED_VIEW_REFUSAL);
            }
            try (Connection c = PgConnections.open(target.connInfo(), "pgclone masking-policy")) {
                System.out.println(Masking.createPolicy(c, mask.table(), mask.masks(), role));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            return 0;
        }
    }

    @Command(name = "drop", mixinStandardHelpOptions = true,
            description = "Drop the view made by create and restore the table's grants exactly as they were before"
                    + " create (recorded in the view's comment); a <table>_masked view create did not make is left"
                    + " alone.")
    static final class Drop implements Callable<Integer> {
        @Mixin
        TargetOption target;

        @Option(names = "--table", required = true, paramLabel = "SCHEMA.TABLE", description = "The table.")
        String table;

        @Override
        public Integer call() throws SQLException {
            QualifiedName t;
            try {
                t = QualifiedName.parse(table);
            } catch (IllegalArgumentException e) {
                throw new UserError("--table: " + e.getMessage());
            }
            try (Connection c = PgConnections.open(target.connInfo(), "pgclone masking-policy")) {
                System.out.println(Masking.dropPolicy(c, t));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new UserError(e.getMessage());
            }
            return 0;
        }
    }
}
