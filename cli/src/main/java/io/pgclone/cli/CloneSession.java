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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One clone run by the CLI, from start or resumed, on an embedded stack (kept per clone until it is done) or on an
 * existing Connect cluster; ends with the summary, and with the connectors and the embedded stack removed once done.
 */
final class CloneSession {
    /**
     * How to run: where Connect is, the embedded stack's directory and format, the terminal output, and with
     * {@code --connect} the folder shared with the workers where the run's {@link SecretsFile} goes.
     */
    record Options(String connectUrl, Path workDir, boolean avro, boolean bar, Duration timeout, Path secretsDir) {
    }

    /** The kept connection settings of an embedded clone, without secrets, read again on resume. */
    private static final String CONNECTIONS = "connections.properties";

    private CloneSession() {
    }

    static CloneProgress start(CloneRequest request, Options o) {
        return run(request.cloneId(), request.target(), o, false, request, null);
    }

    /** Resumes a clone; {@code source} (may be null) gives the source's secrets again, else they are looked up. */
    static CloneProgress resume(String cloneId, ConnInfo source, ConnInfo target, Options o) {
        return run(cloneId, target, o, true, null, source);
    }

    private static CloneProgress run(String cloneId, ConnInfo target, Options o, boolean resume, CloneRequest request,
                                     ConnInfo resumeSource) {
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        EmbeddedStack stack = null;
        Path dir = CloneHome.dir(cloneId, o.workDir());
        boolean keepStack = true;
        SecretsFile secrets = null;
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
                if (resume) {
                    secrets = ResumeSecrets.restore(storedConnections(rest, cloneId), resumeSource, target, o.secretsDir());
                } else if (o.secretsDir() != null) {
                    secrets = new SecretsFile(o.secretsDir());
                } else if (hasSecrets(request.source()) || hasSecrets(request.target())) {
                    throw new UserError("--connect: the passwords would be stored in plain text in the Connect "
                            + "cluster's config topic; give --connect-secrets-dir DIR, a folder the workers read "
                            + "(with config.providers=file), or connect without a password (e.g. ~/.pgpass on the workers)");
                }
            } else {
                if (resume && (!EmbeddedStack.exists(dir) || !OwnedDirs.isOwned(dir))) {
                    throw new UserError("--clone-id: no kept data for clone " + cloneId + " in " + dir);
                }
                if (!resume && EmbeddedStack.exists(dir)) {
                    throw new UserError("--clone-id: clone " + cloneId + " already has data in " + dir
                            + "; resume it (pgclone resume) or remove it (pgclone clear)");
                }
                boolean copy = request != null && "copy".equals(request.sourceSettings().get("record.format"));
                if (resume) {
                    secrets = ResumeSecrets.restore(KeptFile.read(dir.resolve(CONNECTIONS)), resumeSource, target, dir);
                    if (secrets != null) {
                        secrets.write();
                    }
                } else {
                    OwnedDirs.claim(dir, o.workDir() != null ? "--work-dir" : "--clone-id");
                    secrets = new SecretsFile(dir);
                }
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
                if (secrets != null) {
                    secrets.write();
                }
                setJobStatus(target, cloneId, "running", "'cancelled', 'failed'");
                runner.resume(cloneId);
            } else {
                out.printf("Cloning %s as clone %s (records as %s)%n", request.what(), cloneId, format);
                Map<String, String> kept = runner.deploy(request, secrets);
                if (stack != null) {
                    KeptFile.write(dir.resolve(CONNECTIONS), kept);
                }
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
            if (secrets != null) {
                secrets.close();
            }
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

    private static boolean hasSecrets(ConnInfo c) {
        return c.password() != null || !c.secretParams().isEmpty();
    }

    /** The connection settings (source.* and target.*) both connectors of a clone hold on the cluster. */
    private static Map<String, String> storedConnections(ConnectRestClient rest, String cloneId) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : ConnectorConfigs.names(cloneId)) {
            try {
                rest.config(name).fields().forEachRemaining(f -> {
                    if (f.getKey().startsWith("source.") || f.getKey().startsWith("target.")) {
                        m.put(f.getKey(), f.getValue().asText());
                    }
                });
            } catch (ConnectRestClient.ConnectRestException e) {
                if (e.status() == 404) {
                    throw new UserError("--clone-id: the Connect cluster has no connector " + name);
                }
                throw e;
            }
        }
        return m;
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
