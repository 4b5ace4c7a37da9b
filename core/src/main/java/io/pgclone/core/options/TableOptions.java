package io.pgclone.core.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgclone.core.filter.WhereFilter;
import io.pgclone.core.sql.QualifiedName;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * pgclone's per-table options that change what is read: {@code columns} (a whitelist, in the table's order) and
 * {@code where} (a row filter). The source pushes both into its COPY query, so dropped rows and columns are never
 * read. Written as the source connector's {@code table.options}: {@code {"schema.table": {"columns": [...],
 * "where": "..."}}}.
 *
 * @param columns the columns to keep, or null for all
 * @param where   the row filter, or null; the source server decides what it may call ({@code FilterCheck})
 */
public record TableOptions(List<String> columns, WhereFilter where) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final TableOptions NONE = new TableOptions(null, null);

    /** Table to options; {@link IllegalArgumentException} naming the table and the option at fault. */
    public static Map<QualifiedName, TableOptions> parse(String json) {
        Map<QualifiedName, TableOptions> out = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("must be a JSON object of \"schema.table\": {\"columns\": [...],"
                    + " \"where\": \"...\"}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            QualifiedName table;
            try {
                table = QualifiedName.parse(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("table '" + e.getKey() + "': " + ex.getMessage());
            }
            out.put(table, of(table.toString(), e.getValue()));
        }
        return out;
    }

    /** One table's options object. */
    public static TableOptions of(String table, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(table + ": options must be an object, not " + node);
        }
        List<String> columns = null;
        WhereFilter where = null;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            JsonNode v = node.get(key);
            switch (key) {
                case "columns" -> {
                    if (!v.isArray() || v.isEmpty()) {
                        throw new IllegalArgumentException(table + ": columns must be a non-empty array of names");
                    }
                    columns = new ArrayList<>();
                    for (JsonNode c : v) {
                        if (!c.isTextual()) {
                            throw new IllegalArgumentException(table + ": columns must be names, not " + c);
                        }
                        columns.add(c.asText());
                    }
                }
                case "where" -> {
                    if (!v.isTextual()) {
                        throw new IllegalArgumentException(table + ": where must be a string");
                    }
                    try {
                        where = WhereFilter.parse(v.asText());
                    } catch (IllegalArgumentException ex) {
                        throw new IllegalArgumentException(table + ": where " + ex.getMessage());
                    }
                }
                case "mask" -> throw new IllegalArgumentException(table + ": masks go in the source's masks"
                        + " setting ({\"" + table + "\": {column: strategy}}), applied inside the COPY query"
                        + " (see docs/masking.md)");
                default -> throw new IllegalArgumentException(table + ": unknown option '" + key
                        + "' (known: columns, where)");
            }
        }
        return new TableOptions(columns, where);
    }

    public boolean isEmpty() {
        return columns == null && where == null;
    }

    /** The options as the JSON value of one table. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (columns != null) {
            m.put("columns", columns);
        }
        if (where != null) {
            m.put("where", where.sql());
        }
        return m;
    }
}
