package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.state.CloneProgress;
import io.pgclone.stack.ConnectRestClient;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One clone run by the CLI, from start or resumed, on an embedded stack (kept per clone until it is done) or on an
 * existing Connect cluster; ends with the summary, and with the connectors and the embedded stack removed once done.
 */
final class CloneSession {
    /** How to run: where Connect is, the embedded stack's directory and format, the terminal output. */
    record Options(String connectUrl, Path workDir, boolean avro, boolean bar, Duration timeout) {
    }

    private CloneSession() {
    }

    static CloneProgress start(CloneRequest request, Options o) {
        return run(request.cloneId(), request.target(), o, false, request);
    }

    static CloneProgress resume(String cloneId, ConnInfo target, Options o) {
        setJobStatus(target, cloneId, "running", "'cancelled', 'failed'");
        return run(cloneId, target, o, true, null);
    }

    private static CloneProgress run(String cloneId, ConnInfo target, Options o, boolean resume, CloneRequest request) {
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        EmbeddedStack stack = null;
        Path dir = CloneHome.dir(cloneId, o.workDir());
        boolean keepStack = true;
        try {
            ConnectRestClient rest;
            String format;
            if (o.connectUrl() != null) {
                rest = new ConnectRestClient(o.connectUrl());
                try {
                    rest.serverInfo();
                } catch (ConnectRestClient.ConnectRestException e) {
                    throw new UserError("--connect: " + e.getMessage());
                }
                format = request == null ? "as before" : "copy".equals(request.sourceSettings().get("record.format"))
                        ? "raw COPY batches" : request.converters().isEmpty() ? "the cluster's converters" : "Avro";
            } else {
                if (resume && !EmbeddedStack.exists(dir)) {
                    throw new UserError("--clone-id: no kept data for clone " + cloneId + " in " + dir);
                }
                if (!resume && EmbeddedStack.exists(dir)) {
                    throw new UserError("--clone-id: clone " + cloneId + " already has data in " + dir
                            + "; resume it (pgclone resume) or remove it (pgclone clear)");
                }
                boolean copy = request != null && "copy".equals(request.sourceSettings().get("record.format"));
                stack = EmbeddedStack.start(dir, o.avro() && !copy, resume, out);
                rest = stack.stack().worker().rest();
                format = copy ? "raw COPY batches" : stack.format();
                if (request != null && !copy) {
                    request = request.withConverters(stack.converters());
                }
            }
            CloneRunner runner = new CloneRunner(rest, out, o.bar());
            if (resume) {
                out.printf("Resuming clone %s from its checkpoints%n", cloneId);
                runner.resume(cloneId);
            } else {
                out.printf("Cloning %s as clone %s (records as %s)%n", request.what(), cloneId, format);
                runner.deploy(request);
            }
            long c0 = System.nanoTime();
            CloneProgress p;
            try {
                p = runner.follow(cloneId, target, o.timeout());
            } catch (Cancelled e) {
                runner.stop(cloneId);
                throw new Cancelled("clone " + cloneId + " was cancelled; continue it with: pgclone resume --clone-id "
                        + cloneId + " --target ..." + (o.connectUrl() != null ? " --connect " + o.connectUrl() : ""));
            }
            runner.delete(cloneId);
            keepStack = false;
            Summary.print(out, p, Duration.ofNanos(System.nanoTime() - c0), Duration.ofNanos(System.nanoTime() - t0));
            return p;
        } catch (ConnectRestClient.ConnectRestException e) {
            throw new CloneFailed("Kafka Connect: " + e.getMessage());
        } finally {
            if (stack != null) {
                if (keepStack) {
                    stack.close();
                    out.println("The clone's embedded Kafka data and logs are kept in " + dir);
                } else {
                    stack.closeAndDelete();
                }
            }
        }
    }

    /** Sets the job's status in the target when it is one of {@code from} (a SQL list of quoted statuses). */
    static int setJobStatus(ConnInfo target, String cloneId, String status, String from) {
        try (Connection c = PgConnections.open(target, "pgclone cli");
             PreparedStatement ps = c.prepareStatement("UPDATE pgclone.jobs SET status = ?, message = NULL,"
                     + " updated_at = clock_timestamp() WHERE clone_id = ? AND status IN (" + from + ")")) {
            ps.setString(1, status);
            ps.setString(2, cloneId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // no pgclone schema: no job
            }
            throw new CloneFailed("cannot update clone " + cloneId + " in the target: " + e.getMessage());
        }
    }
}
