package io.pgclone.core.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * pgclone's JSON options string, as its functions take it:
 * {@code {"indexes": false, "conflict": "rename", "columns": [...], "where": "...", "mask": {...}, "parallel": 4}}.
 * Each value is null when the string does not set it. {@code matviews} is ours (pgclone has no switch for it).
 */
public record PgcloneOptions(Boolean indexes, Boolean constraints, Boolean triggers, Boolean matviews, String conflict,
                             TableOptions table, JsonNode mask, Integer parallel) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CONFLICTS = Set.of("error", "skip", "replace", "rename");

    /** {@link IllegalArgumentException} naming the option at fault. */
    public static PgcloneOptions parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("must be a JSON object, e.g. {\"indexes\": false, \"conflict\": \"skip\"}");
        }
        Boolean indexes = null;
        Boolean constraints = null;
        Boolean triggers = null;
        Boolean matviews = null;
        String conflict = null;
        JsonNode mask = null;
        Integer parallel = null;
        ObjectNode tableOpts = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "indexes" -> indexes = bool(e.getKey(), v);
                case "constraints" -> constraints = bool(e.getKey(), v);
                case "triggers" -> triggers = bool(e.getKey(), v);
                case "matviews" -> matviews = bool(e.getKey(), v);
                case "conflict" -> {
                    if (!v.isTextual() || !CONFLICTS.contains(v.asText())) {
                        throw new IllegalArgumentException("conflict must be one of error, skip, replace, rename, not " + v);
                    }
                    conflict = v.asText();
                }
                case "columns", "where" -> tableOpts.set(e.getKey(), v);
                case "mask" -> {
                    if (!v.isObject()) {
                        throw new IllegalArgumentException("mask must be an object of column: strategy");
                    }
                    mask = v;
                }
                case "parallel" -> {
                    if (!v.canConvertToInt() || v.asInt() < 1) {
                        throw new IllegalArgumentException("parallel must be a positive integer, not " + v);
                    }
                    parallel = v.asInt();
                }
                default -> throw new IllegalArgumentException("unknown option '" + e.getKey() + "' (known: indexes,"
                        + " constraints, triggers, matviews, conflict, columns, where, mask, parallel)");
            }
        }
        TableOptions table = tableOpts.isEmpty() ? TableOptions.NONE : TableOptions.of("the options", tableOpts);
        return new PgcloneOptions(indexes, constraints, triggers, matviews, conflict, table, mask, parallel);
    }

    private static Boolean bool(String name, JsonNode v) {
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(name + " must be true or false, not " + v);
        }
        return v.asBoolean();
    }
}
