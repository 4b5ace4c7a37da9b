package io.pgclone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.state.CloneProgress;
import io.pgclone.stack.ConnectRestClient;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
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
        Map<String, String> kept = new java.util.LinkedHashMap<>();
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
    CloneProgress follow(String cloneId, io.pgclone.core.conn.ConnInfo targetInfo, Duration timeout) {
        long start = System.nanoTime();
        try (ProgressView view = new ProgressView(out, progressBar)) {
            return waitForEnd(cloneId, targetInfo, view, start, timeout);
        }
    }

    /** Connect's own validation of a config; the first error of each setting, as one line each. */
    private void validate(String connectorClass, String name, Map<String, String> config, String option) {
        Map<String, String> named = new java.util.HashMap<>(config);
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

    private CloneProgress waitForEnd(String cloneId, io.pgclone.core.conn.ConnInfo targetInfo, ProgressView view,
                                     long start, Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : start + timeout.toNanos();
        try (Connection target = PgConnections.open(targetInfo, "pgclone cli progress")) {
            while (true) {
                failOnFailedConnector(ConnectorConfigs.sourceName(cloneId));
                failOnFailedConnector(ConnectorConfigs.sinkName(cloneId));
                CloneProgress p = CloneProgress.read(target, cloneId);
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

    /** The deepest "Caused by" message of a Java stack trace, which is the one that says what went wrong. */
    static String firstCause(String trace) {
        String msg = trace.lines().findFirst().orElse(trace);
        for (String line : trace.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                msg = line.substring("Caused by: ".length());
            }
        }
        int colon = msg.indexOf(": ");
        return colon > 0 && msg.substring(0, colon).contains(".") ? msg.substring(colon + 2) : msg;
    }
}
