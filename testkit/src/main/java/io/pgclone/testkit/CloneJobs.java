package io.pgclone.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgclone.stack.ConnectRestClient;
import io.pgclone.stack.PostgresServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** Watches a clone job in the target's {@code pgclone.jobs} table. */
public final class CloneJobs {
    private CloneJobs() {
    }

    /** Status and message of a job, or null when the target has no such job (yet). */
    public static String[] status(PostgresServer target, String database, String cloneId) {
        try (Connection c = target.connect(database);
             PreparedStatement ps = c.prepareStatement("SELECT status, message FROM pgclone.jobs WHERE clone_id = ?")) {
            ps.setString(1, cloneId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        } catch (SQLException e) {
            return null; // the pgclone schema does not exist yet
        }
    }

    /** Fails at once when a connector or one of its tasks has FAILED, with its trace. */
    public static void failOnFailedTask(ConnectRestClient rest, List<String> connectors) {
        for (String name : connectors) {
            JsonNode st;
            try {
                st = rest.status(name);
            } catch (RuntimeException e) {
                continue; // not created yet
            }
            if ("FAILED".equals(st.path("connector").path("state").asText())) {
                throw new AssertionError("connector " + name + " failed: " + st.path("connector").path("trace").asText());
            }
            for (JsonNode t : st.path("tasks")) {
                if ("FAILED".equals(t.path("state").asText())) {
                    throw new AssertionError("task " + t.path("id").asText() + " of " + name + " failed: "
                            + t.path("trace").asText());
                }
            }
        }
    }

    /**
     * Waits until the job is done; fails at once when it failed. On timeout the message carries the connectors'
     * REST status.
     */
    public static void awaitDone(PostgresServer target, String database, String cloneId, Duration timeout,
                                 ConnectRestClient rest, List<String> connectors) {
        Await.until("clone " + cloneId + " to finish", timeout, () -> {
            failOnFailedTask(rest, connectors);
            String[] s = status(target, database, cloneId);
            if (s != null && s[0].equals("failed")) {
                throw new AssertionError("clone " + cloneId + " failed: " + s[1]);
            }
            return s != null && s[0].equals("done");
        }, () -> {
            StringBuilder b = new StringBuilder();
            for (String name : connectors) {
                try {
                    b.append(name).append(": ").append(rest.status(name)).append('\n');
                } catch (RuntimeException e) {
                    b.append(name).append(": ").append(e.getMessage()).append('\n');
                }
            }
            return b.toString();
        });
    }
}
