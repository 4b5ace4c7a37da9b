package io.pgclone.cli;

import io.pgclone.core.conn.PgConnections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "clear", mixinStandardHelpOptions = true,
        description = {"Remove the state of finished clones (done, failed or cancelled) from a target, and their kept",
                "embedded stacks. The cloned tables stay. A running clone is never cleared."})
final class ClearCommand implements Callable<Integer> {
    @Mixin
    TargetOption target;

    @Option(names = "--clone-id", description = "Only this clone (default: every finished one).")
    String cloneId;

    @Override
    public Integer call() throws SQLException, IOException {
        List<String> cleared = new ArrayList<>();
        try (Connection c = PgConnections.open(target.connInfo(), "pgclone cli clear")) {
            if (!StatusCommand.hasState(c)) {
                System.out.println("No clones recorded in this target.");
                return 0;
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT clone_id FROM pgclone.jobs WHERE status <> 'running'"
                    + (cloneId != null ? " AND clone_id = ?" : "") + " FOR UPDATE")) {
                if (cloneId != null) {
                    ps.setString(1, cloneId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        cleared.add(rs.getString(1));
                    }
                }
            }
            if (cloneId != null && cleared.isEmpty()) {
                throw new UserError("--clone-id: no finished clone " + cloneId + " in this target (a running one is not cleared)");
            }
            try (PreparedStatement offsets = c.prepareStatement("DELETE FROM pgclone.consumer_offsets o USING pgclone.jobs j"
                    + " WHERE j.clone_id = ? AND (o.topic IN (SELECT topic FROM pgclone.tables t WHERE t.clone_id = j.clone_id)"
                    + " OR o.topic = j.topic_prefix || '._control')");
                 PreparedStatement loading = c.prepareStatement("DELETE FROM pgclone.loading WHERE clone_id = ?");
                 PreparedStatement jobs = c.prepareStatement("DELETE FROM pgclone.jobs WHERE clone_id = ?")) {
                for (String id : cleared) {
                    for (PreparedStatement ps : List.of(offsets, loading, jobs)) {
                        ps.setString(1, id);
                        ps.executeUpdate();
                    }
                }
            }
            c.commit();
        }
        for (String id : cleared) {
            // ids come from the target's rows, which anyone with write access there could have set
            if (CloneHome.isValidId(id)) {
                OwnedDirs.deleteIfOwned(CloneHome.dir(id, null));
            }
            System.out.println("Cleared clone " + (CloneHome.isValidId(id) ? id : "(invalid id, no folder removed)"));
        }
        if (cleared.isEmpty()) {
            System.out.println("No finished clones to clear.");
        }
        return 0;
    }
}
