package io.pgclone.cli;

import io.pgclone.core.conn.PgConnections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the clones recorded in a target: status, progress bar, tables, rows, elapsed time.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    TargetOption target;

    @Option(names = "--clone-id", description = "Only this clone.")
    String cloneId;

    @Option(names = "--json", description = "Print pgclone.progress(job) / pgclone.jobs() as JSON.")
    boolean json;

    @Override
    public Integer call() throws SQLException {
        PrintStream out = System.out;
        try (Connection c = PgConnections.open(target.connInfo(), "pgclone cli status")) {
            if (!hasState(c)) {
                if (cloneId != null) { // asked for one clone: as an error, whether or not the target has any
                    throw new UserError("--clone-id: no clone " + cloneId + " in this target");
                }
                out.println(json ? "[]" : "No clones recorded in this target.");
                return 0;
            }
            if (json) {
                String sql = cloneId != null ? "SELECT pgclone.progress(?)::text" : "SELECT pgclone.jobs()::text";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    if (cloneId != null) {
                        ps.setString(1, cloneId);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        String v = rs.getString(1);
                        if (v == null) {
                            throw new UserError("--clone-id: no clone " + cloneId + " in this target");
                        }
                        out.println(v);
                    }
                }
                return 0;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT job_id, status, phase, tables, progress,"
                    + " coalesce(current_table, ''), snapshot_consistent, coalesce(message, '') FROM pgclone.jobs_view"
                    + (cloneId != null ? " WHERE job_id = ?" : ""))) {
                if (cloneId != null) {
                    ps.setString(1, cloneId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                        out.printf("%s  %s (%s)  tables %s  %s%s%s%s%n", rs.getString(1), rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6).isEmpty() ? "" : "  now " + rs.getString(6),
                                rs.getBoolean(7) ? "" : "  NOT snapshot-consistent",
                                rs.getString(8).isEmpty() ? "" : "\n    " + rs.getString(8));
                    }
                    if (n == 0) {
                        if (cloneId != null) {
                            throw new UserError("--clone-id: no clone " + cloneId + " in this target");
                        }
                        out.println("No clones recorded in this target.");
                    }
                }
            }
        }
        return 0;
    }

    static boolean hasState(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass('pgclone.jobs_view') IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
