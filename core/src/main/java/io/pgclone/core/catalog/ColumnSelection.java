package io.pgclone.core.catalog;

import io.pgclone.core.sql.QualifiedName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A clone of some columns only (pgclone's {@code columns} option): the tables lose the other columns, and every
 * object that needs one of them (an index, a constraint, a trigger's column list, a view, a policy...) is left out,
 * with what builds on it, each named in a warning. Never silently: the warnings reach the clone's report.
 */
public final class ColumnSelection {
    private static final Set<String> QUIET = Set.of("comment", "owner", "grant");

    private ColumnSelection() {
    }

    public static Catalog apply(Catalog catalog, Map<QualifiedName, List<String>> keep) {
        if (keep.isEmpty()) {
            return catalog;
        }
        Map<String, String> dropped = new HashMap<>(); // column id -> "column c of s.t"
        List<TableDef> tables = new ArrayList<>();
        for (TableDef t : catalog.tables()) {
            List<String> k = keep.get(t.name());
            if (k == null) {
                tables.add(t);
                continue;
            }
            for (ColumnDef c : t.columns()) {
                if (!k.contains(c.name())) {
                    dropped.put(CatalogObject.columnId(t.name().schema(), t.name().name(), c.name()),
                            "column " + c.name() + " of " + t.name());
                }
            }
            tables.add(t.withColumns(k));
        }
        Map<String, TableDef> narrowed = new HashMap<>();
        tables.forEach(t -> narrowed.put("table:" + t.name().schema() + "." + t.name().name(), t));
        Map<String, String> leftOut = new LinkedHashMap<>(); // identity -> why
        boolean changed = true;
        while (changed) {
            changed = false;
            for (CatalogObject o : catalog.objects()) {
                if (leftOut.containsKey(o.identity())) {
                    continue;
                }
                for (String d : o.dependsOn()) {
                    String why = dropped.containsKey(d) ? dropped.get(d) + ", which the clone leaves out"
                            : leftOut.containsKey(d) ? d.substring(d.indexOf(':') + 1) + ", which is left out" : null;
                    if (why != null) {
                        leftOut.put(o.identity(), why);
                        changed = true;
                        break;
                    }
                }
            }
        }
        List<CatalogObject> objects = new ArrayList<>();
        List<String> warnings = new ArrayList<>(catalog.warnings());
        for (CatalogObject o : catalog.objects()) {
            String why = leftOut.get(o.identity());
            if (why != null) {
                if (!QUIET.contains(o.kind())) {
                    warnings.add(o.kind() + " " + o.identity().substring(o.identity().indexOf(':') + 1)
                            + " is left out: it needs " + why);
                }
            } else if (o.table() != null && narrowed.containsKey(o.identity())) {
                objects.add(new CatalogObject(o.kind(), o.identity(), o.schema(), o.name(), o.section(), o.category(),
                        o.dependsOn(), o.needsTables(), o.statements(), narrowed.get(o.identity())));
            } else {
                objects.add(o);
            }
        }
        return new Catalog(objects, tables, warnings);
    }
}
