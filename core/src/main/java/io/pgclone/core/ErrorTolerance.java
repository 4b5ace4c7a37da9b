package io.pgclone.core;

import java.util.Map;

/**
 * Connect's {@code errors.tolerance=all} lets a converter or transform drop a record and go on. For a clone that
 * is a silently missing row counted as copied, so both connectors refuse it, in validate and at start.
 */
public final class ErrorTolerance {
    public static final String KEY = "errors.tolerance";

    private ErrorTolerance() {
    }

    /** Why the connector config cannot run, or null. */
    public static String problem(Map<String, String> config) {
        String v = config.get(KEY);
        return v != null && v.strip().equalsIgnoreCase("all") ? "errors.tolerance=all would drop a record that a"
                + " converter or transform fails on, and the clone would lack its rows: use errors.tolerance=none" : null;
    }
}
