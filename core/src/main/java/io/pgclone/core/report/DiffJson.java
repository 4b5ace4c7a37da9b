package io.pgclone.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgclone.core.catalog.Catalog;
import io.pgclone.core.catalog.CatalogDiff;
import io.pgclone.core.catalog.ColumnDef;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.core.sql.SqlRenamer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A catalog comparison as pgclone's {@code diff} JSON: per category {@code only_in_source}, {@code only_in_target}
 * and {@code modified} (tables with their column drift: type, nullability, default), counts, and {@code in_sync}.
 */
public final class DiffJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CATEGORY = Map.ofEntries(Map.entry("table", "tables"),
            Map.entry("index", "indexes"), Map.entry("constraint", "constraints"), Map.entry("trigger", "triggers"),
            Map.entry("view", "views"), Map.entry("matview", "views"), Map.entry("sequence", "sequences"),
            Map.entry("function", "functions"), Map.entry("procedure", "functions"), Map.entry("aggregate", "functions"),
            Map.entry("type", "types"), Map.entry("domain", "types"), Map.entry("extension", "extensions"),
            Map.entry("grant", "grants"), Map.entry("owner", "grants"), Map.entry("comment", "comments"),
            Map.entry("schema", "schemas"));

    private DiffJson() {
    }

    /** The category of an object kind in the JSON (unknown kinds under {@code other}). */
    static String category(String kind) {
        return CATEGORY.getOrDefault(kind, "other");
    }

    public static ObjectNode of(CatalogDiff.Report report, Catalog source, Catalog target, SqlRenamer renamer) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode onlySource = root.putObject("only_in_source");
        ObjectNode onlyTarget = root.putObject("only_in_target");
        ObjectNode modified = root.putObject("modified");
        report.onlyInSource().forEach((kind, ids) -> ids.forEach(i -> add(onlySource, kind, i)));
        report.onlyInTarget().forEach((kind, ids) -> ids.forEach(i -> add(onlyTarget, kind, i)));
        Map<String, TableDef> sourceTables = byName(source, renamer::rename);
        Map<String, TableDef> targetTables = byName(target, UnaryOperator.identity());
        report.modified().forEach((kind, diffs) -> diffs.forEach(d -> {
            ObjectNode m = modified.withArray(category(kind)).addObject();
            m.put("kind", kind);
            m.put("identity", d.identity().substring(d.identity().indexOf(':') + 1));
            if (kind.equals("table")) {
                TableDef a = sourceTables.get(m.get("identity").asText());
                TableDef b = targetTables.get(m.get("identity").asText());
                if (a != null && b != null) {
                    m.set("columns", columns(a, b));
                }
            }
            m.put("source", d.source());
            m.put("target", d.target());
        }));
        ObjectNode counts = root.putObject("counts");
        counts.put("only_in_source", report.onlyInSource().values().stream().mapToInt(List::size).sum());
        counts.put("only_in_target", report.onlyInTarget().values().stream().mapToInt(List::size).sum());
        counts.put("modified", report.modified().values().stream().mapToInt(List::size).sum());
        root.put("in_sync", report.inSync());
        return root;
    }

    private static void add(ObjectNode side, String kind, String identity) {
        side.withArray(category(kind)).add(identity.substring(identity.indexOf(':') + 1));
    }

    /** Tables by the name their identity carries ({@code schema.name}, as written in the catalog). */
    private static Map<String, TableDef> byName(Catalog c, UnaryOperator<QualifiedName> name) {
        Map<String, TableDef> out = new HashMap<>();
        c.tables().forEach(t -> {
            QualifiedName n = name.apply(t.name());
            out.put(n.schema() + "." + n.name(), t);
        });
        return out;
    }

    /** Per column: only on one side, or its type, nullability or default on each side where they differ. */
    private static ArrayNode columns(TableDef a, TableDef b) {
        ArrayNode out = JSON.createArrayNode();
        for (ColumnDef c : a.columns()) {
            ColumnDef t = b.column(c.name());
            ObjectNode col = JSON.createObjectNode().put("column", c.name());
            if (t == null) {
                out.add(col.put("only_in", "source"));
                continue;
            }
            boolean drift = false;
            if (!c.type().formatted().equals(t.type().formatted())) {
                col.putObject("type").put("source", c.type().formatted()).put("target", t.type().formatted());
                drift = true;
            }
            if (c.notNull() != t.notNull()) {
                col.putObject("not_null").put("source", c.notNull()).put("target", t.notNull());
                drift = true;
            }
            if (!Objects.equals(c.defaultExpr(), t.defaultExpr())) {
                col.putObject("default").put("source", c.defaultExpr()).put("target", t.defaultExpr());
                drift = true;
            }
            if (drift) {
                out.add(col);
            }
        }
        for (ColumnDef t : b.columns()) {
            if (a.column(t.name()) == null) {
                out.add(JSON.createObjectNode().put("column", t.name()).put("only_in", "target"));
            }
        }
        return out;
    }
}
