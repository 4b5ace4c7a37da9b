package io.pgclone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.state.CloneProgress;
import io.pgclone.stack.ConnectRestClient;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one clone on a Connect cluster: validates both connector configs through the REST API, deploys the sink and
 * then the source, follows progress in the target until the job is done, removes the connectors and returns the
 * summary read from the target.
 */
final class CloneRunner {
    private final ConnectRestClient rest;
    private final PrintStream out;
    private final boolean progressBar;

    CloneRunner(ConnectRestClient rest, PrintStream out, boolean progressBar) {
        this.rest = rest;
        this.out = out;
        this.progressBar = progressBar;
    }

    /**
     * Writes the run's secrets, validates both configs through Connect's REST API, then creates the sink and the
     * source. Returns their connection settings (no secrets: references into the secrets file), kept for a resume.
     */
    Map<String, String> deploy(CloneRequest r, SecretsFile secrets) {
        Map<String, String> source = ConnectorConfigs.source(r, secrets);
        Map<String, String> sink = ConnectorConfigs.sink(r, secrets);
        if (secrets != null) {
            secrets.write();
        }
        String sourceName = ConnectorConfigs.sourceName(r.cloneId());
        String sinkName = ConnectorConfigs.sinkName(r.cloneId());
        validate(ConnectorConfigs.SOURCE_CLASS, sourceName, source, "--source");
        validate(ConnectorConfigs.SINK_CLASS, sinkName, sink, "--target");
        rest.put(sinkName, sink);
        rest.put(sourceName, source);
        Map<String, String> kept = new LinkedHashMap<>();
        source.forEach((k, v) -> {
            if (k.startsWith("source.")) {
                kept.put(k, v);
            }
        });
        sink.forEach((k, v) -> {
            if (k.startsWith("target.")) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    /** Resumes both connectors (stopped by a cancel) and restarts their failed tasks. */
    void resume(String cloneId) {
        for (String name : ConnectorConfigs.names(cloneId)) {
            try {
                rest.resume(name);
                rest.restart(name, true);
            } catch (ConnectRestClient.ConnectRestException e) {
                if (e.status() == 404) {
                    throw new UserError("--clone-id: the Connect cluster has no connector " + name);
                }
                throw e;
            }
        }
    }

    /** Stops both connectors, keeping their configs and offsets (Connect's STOPPED state). */
    void stop(String cloneId) {
        for (String name : ConnectorConfigs.names(cloneId)) {
            try {
                rest.stop(name);
            } catch (ConnectRestClient.ConnectRestException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
    }

    void delete(String cloneId) {
        for (String name : ConnectorConfigs.names(cloneId)) {
            rest.delete(name);
        }
    }

    /** Follows the job in the target until it is done; throws when it fails or is cancelled. */
    CloneProgress follow(String cloneId, ConnInfo targetInfo, Duration timeout) {
        long start = System.nanoTime();
        try (ProgressView view = new ProgressView(out, progressBar)) {
            return waitForEnd(cloneId, targetInfo, view, start, timeout);
        }
    }

    /** Connect's own validation of a config; the first error of each setting, as one line each. */
    private void validate(String connectorClass, String name, Map<String, String> config, String option) {
        Map<String, String> named = new HashMap<>(config);
        named.put("name", name);
        JsonNode result = rest.validate(connectorClass, named);
        if (result.path("error_count").asInt() == 0) {
            return;
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode c : result.path("configs")) {
            for (JsonNode e : c.path("value").path("errors")) {
                errors.add(c.path("value").path("name").asText() + ": " + e.asText());
            }
        }
        throw new UserError(option + ": " + String.join("; ", errors));
    }

    private CloneProgress waitForEnd(String cloneId, ConnInfo targetInfo, ProgressView view,
                                     long start, Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : start + timeout.toNanos();
        try (Connection target = PgConnections.open(targetInfo, "pgclone cli progress")) {
            while (true) {
                failOnFailedConnector(ConnectorConfigs.sourceName(cloneId));
                failOnFailedConnector(ConnectorConfigs.sinkName(cloneId));
                CloneProgress p;
                try {
                    p = CloneProgress.read(target, cloneId);
                } catch (SQLException e) {
                    if (!transientFailure(e)) {
                        throw e;
                    }
                    Thread.sleep(500); // a read-only poll chosen as a deadlock victim: the next poll reads again
                    continue;
                }
                view.update(p);
                if (p.isDone()) {
                    return p;
                }
                if (p.isFailed()) {
                    throw new CloneFailed("clone " + cloneId + " failed: " + p.message());
                }
                if (p.isCancelled()) {
                    throw new Cancelled("clone " + cloneId + " was cancelled");
                }
                if (System.nanoTime() > deadline) {
                    throw new CloneFailed("clone " + cloneId + " did not finish within " + timeout.toMinutes()
                            + " minutes; its connectors are left running");
                }
                Thread.sleep(500);
            }
        } catch (SQLException e) {
            throw new CloneFailed("lost the target while following progress: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloneFailed("interrupted");
        }
    }

    /** Deadlock or serialization failure (SQLSTATE class 40): the statement may simply be run again. */
    static boolean transientFailure(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("40");
    }

    private void failOnFailedConnector(String name) {
        JsonNode st;
        try {
            st = rest.status(name);
        } catch (ConnectRestClient.ConnectRestException e) {
            if (e.status() == 404) {
                return; // just created: no status yet
            }
            throw e;
        }
        List<JsonNode> parts = new ArrayList<>();
        parts.add(st.path("connector"));
        st.path("tasks").forEach(parts::add);
        for (JsonNode part : parts) {
            if ("FAILED".equals(part.path("state").asText())) {
                throw new CloneFailed(name + " failed: " + firstCause(part.path("trace").asText()));
            }
        }
    }

    /**
     * What a failed task's stack trace says went wrong: the deepest exception the connectors threw (which names the
     * object, e.g. "cannot create function app.f on the target: ... SQL: ..."), with its message lines, rather than
     * the driver's or Connect's wrapping ("Exiting WorkerSinkTask ..."); the deepest cause when none is ours.
     */
    static String firstCause(String trace) {
        List<String[]> entries = new ArrayList<>(); // {class, message}
        StringBuilder message = null;
        String type = null;
        for (String line : trace.lines().toList()) {
            boolean head = entries.isEmpty() && message == null || line.startsWith("Caused by: ");
            if (head) {
                if (message != null) {
                    entries.add(new String[] {type, message.toString()});
                }
                String text = line.startsWith("Caused by: ") ? line.substring("Caused by: ".length()) : line;
                int colon = text.indexOf(": ");
                type = colon > 0 && !text.substring(0, colon).contains(" ") ? text.substring(0, colon) : text;
                message = new StringBuilder(colon > 0 && type.length() == colon ? text.substring(colon + 2) : text);
            } else if (line.startsWith("\tat ") || line.startsWith("\t...") || line.startsWith("\tSuppressed")) {
                if (message != null) {
                    entries.add(new String[] {type, message.toString()});
                    message = null;
                }
            } else if (message != null) {
                message.append('\n').append(line);
            }
        }
        if (message != null) {
            entries.add(new String[] {type, message.toString()});
        }
        if (entries.isEmpty()) {
            return trace;
        }
        String[] chosen = entries.get(entries.size() - 1);
        for (int i = entries.size() - 1; i >= 0; i--) {
            String t = entries.get(i)[0];
            String m = entries.get(i)[1];
            boolean driverOrJdk = t.startsWith("org.postgresql.") || t.startsWith("java.") || t.startsWith("javax.");
            boolean wrapping = m.startsWith("Exiting Worker") || m.startsWith("Unrecoverable exception")
                    || m.startsWith("Tolerance exceeded");
            if (!driverOrJdk && !wrapping) {
                chosen = entries.get(i);
                break;
            }
        }
        List<String> lines = chosen[1].lines().limit(6)
                .map(l -> l.length() > 600 ? l.substring(0, 600) + " ..." : l).toList();
        return String.join("\n", lines);
    }
}
