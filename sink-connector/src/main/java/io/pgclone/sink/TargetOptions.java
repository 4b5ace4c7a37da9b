package io.pgclone.sink;

import io.pgclone.core.options.Conflict;
import io.pgclone.core.options.Renames.TableRename;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.core.sql.SqlRenamer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What this target does differently from the source, from the sink connector's config: each target of a clone
 * decides its own conflicts and names.
 *
 * @param conflict what happens to objects of the clone that exist on the target already
 * @param schemas  source schema to target schema
 * @param tables   tables created under another name, as structured names (a name may hold dots)
 */
record TargetOptions(Conflict conflict, Map<String, String> schemas, List<TableRename> tables) {

    TargetOptions {
        schemas = schemas == null ? Map.of() : Map.copyOf(schemas);
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    static TargetOptions defaults() {
        return new TargetOptions(Conflict.ERROR, Map.of(), List.of());
    }

    static TargetOptions conflict(Conflict c) {
        return new TargetOptions(c, Map.of(), List.of());
    }

    /** Source table to target table, for the renamed ones. */
    Map<QualifiedName, QualifiedName> tableRenames() {
        Map<QualifiedName, QualifiedName> t = new LinkedHashMap<>();
        tables.forEach(r -> t.put(r.from(), r.to()));
        return t;
    }

    SqlRenamer renamer() {
        return new SqlRenamer(schemas, tableRenames());
    }
}
