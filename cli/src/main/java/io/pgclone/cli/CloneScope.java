package io.pgclone.cli;

import io.pgclone.core.sql.QualifiedName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the clone covers, from --table, --schema or --database (exactly one kind): the source's scope settings, and
 * the target names (the sink's rename settings).
 */
record CloneScope(List<String> tables, List<String> schemas, boolean database, Map<String, String> settings,
                  Map<String, String> targetSettings, String description) {

    static CloneScope of(List<String> tables, List<String> schemas, boolean database, String targetName,
                         String targetSchema) {
        List<String> t = tables == null ? List.of() : tables;
        List<String> s = schemas == null ? List.of() : schemas;
        int kinds = (t.isEmpty() ? 0 : 1) + (s.isEmpty() ? 0 : 1) + (database ? 1 : 0);
        if (kinds != 1) {
            throw new UserError("give --table (one or more), --schema (one or more) or --database: exactly one of them");
        }
        List<String> parsed = new ArrayList<>();
        for (String table : t) {
            try {
                parsed.add(QualifiedName.parse(table).toString());
            } catch (IllegalArgumentException e) {
                throw new UserError("--table: " + e.getMessage());
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> renames = new LinkedHashMap<>();
        if (targetName != null) {
            if (parsed.size() != 1) {
                throw new UserError("--target-name: give exactly one --table");
            }
            renames.put("rename.tables", parsed.get(0) + ":" + targetName);
        }
        if (targetSchema != null) {
            if (s.size() != 1) {
                throw new UserError("--target-schema: give exactly one --schema");
            }
            renames.put("rename.schemas", s.get(0) + ":" + targetSchema);
        }
        if (!s.isEmpty()) {
            settings.put("schemas", String.join(",", s));
        }
        if (database) {
            settings.put("schemas", "*");
        }
        String description = !parsed.isEmpty() ? parsed.size() + " table(s)"
                : database ? "the whole database" : "schema(s) " + String.join(", ", s);
        return new CloneScope(parsed, s, database, settings, renames, description);
    }
}
