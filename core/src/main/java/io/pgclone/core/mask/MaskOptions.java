package io.pgclone.core.mask;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * pgclone's {@code mask} option: {@code {"col": "strategy"}} or {@code {"col": {"type": ..., params}}}, and the same
 * grouped by table ({@code {"employees": {"email": "email"}}}, what {@code discover} prints). A {@code reason} key
 * in a strategy object is a remark (discover writes one) and is ignored.
 */
public final class MaskOptions {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Set<String> STRATEGIES = Set.of("email", "name", "phone", "partial", "hash", "null",
            "random_int", "constant");

    private MaskOptions() {
    }

    /** Column to strategy; {@link IllegalArgumentException} naming the column and what is wrong. */
    public static Map<String, MaskStrategy> parse(String json, HashKey key) {
        return parse(tree(json, "the mask"), key);
    }

    public static Map<String, MaskStrategy> parse(JsonNode node, HashKey key) {
        if (!(node instanceof ObjectNode obj)) {
            throw new IllegalArgumentException("the mask must be a JSON object of column: strategy, not " + node);
        }
        Map<String, MaskStrategy> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), strategy(e.getKey(), e.getValue(), key));
        }
        return out;
    }

    /** Table (as written: {@code name} or {@code schema.name}) to its columns' strategies. */
    public static Map<String, Map<String, MaskStrategy>> parseByTable(String json, HashKey key) {
        JsonNode node = tree(json, "the masks by table");
        if (!(node instanceof ObjectNode obj)) {
            throw new IllegalArgumentException("masks by table must be a JSON object of table: {column: strategy}");
        }
        Map<String, Map<String, MaskStrategy>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                out.put(e.getKey(), parse(e.getValue(), key));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("table " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    /** The option as pgclone's JSON text. */
    public static String toJson(Map<String, MaskStrategy> masks) {
        Map<String, Object> m = new LinkedHashMap<>();
        masks.forEach((c, s) -> m.put(c, s.toJson()));
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static MaskStrategy strategy(String column, JsonNode v, HashKey key) {
        String type;
        if (v.isTextual()) {
            type = v.asText();
            v = JSON.createObjectNode();
        } else if (v.isObject() && v.path("type").isTextual()) {
            type = v.get("type").asText();
        } else {
            throw new IllegalArgumentException("column " + column + ": a strategy is a name or an object with \"type\","
                    + " not " + v);
        }
        Params p = new Params(column, type, v);
        MaskStrategy s = switch (type) {
            case "email" -> new MaskStrategy.Email();
            case "name" -> new MaskStrategy.Name();
            case "null" -> new MaskStrategy.Null();
            case "hash" -> new MaskStrategy.Hash(key);
            case "phone" -> new MaskStrategy.Phone((int) p.integer("keep_last", 0, 0, Integer.MAX_VALUE));
            case "partial" -> new MaskStrategy.Partial((int) p.integer("prefix", 1, 0, Integer.MAX_VALUE),
                    (int) p.integer("suffix", 1, 0, Integer.MAX_VALUE));
            case "random_int" -> new MaskStrategy.RandomInt(
                    p.integer("min", MaskStrategy.RandomInt.DEFAULT_MIN, Long.MIN_VALUE, Long.MAX_VALUE - 1),
                    p.integer("max", MaskStrategy.RandomInt.DEFAULT_MAX, Long.MIN_VALUE, Long.MAX_VALUE - 1));
            case "constant" -> p.constant();
            default -> throw new IllegalArgumentException("column " + column + ": unknown strategy '" + type
                    + "' (known: email, name, phone, partial, hash, null, random_int, constant)");
        };
        p.rejectUnknown();
        return s;
    }

    /** The parameters of one strategy object, each read once; any left over is an error. */
    private static final class Params {
        private final String column;
        private final String type;
        private final JsonNode node;
        private final Set<String> read = new HashSet<>(Set.of("type", "reason"));

        Params(String column, String type, JsonNode node) {
            this.column = column;
            this.type = type;
            this.node = node;
        }

        long integer(String name, long dflt, long min, long max) {
            read.add(name);
            JsonNode n = node.get(name);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.canConvertToExactIntegral() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
                throw new IllegalArgumentException("column " + column + ": " + type + " " + name + " must be an integer"
                        + (min == 0 ? " of 0 or more" : "") + ", not " + n);
            }
            return n.asLong();
        }

        MaskStrategy constant() {
            read.add("value");
            JsonNode n = node.get("value");
            if (n == null || !(n.isTextual() || n.isNumber())) {
                throw new IllegalArgumentException("column " + column + ": constant needs a \"value\" (a string or a"
                        + " number)");
            }
            return new MaskStrategy.Constant(n.isNumber() ? n.decimalValue().toPlainString() : n.asText(), n.isNumber());
        }

        void rejectUnknown() {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!read.contains(f)) {
                    throw new IllegalArgumentException("column " + column + ": " + type + " has no parameter '" + f + "'");
                }
            }
        }
    }
}
