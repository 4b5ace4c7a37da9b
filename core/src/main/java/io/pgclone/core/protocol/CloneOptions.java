package io.pgclone.core.protocol;

import io.pgclone.core.options.Renames.TableRename;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.core.sql.SqlRenamer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the target does differently from the source, carried in the manifest.
 *
 * @param conflict     error, skip, replace or rename (see the source connector's {@code conflict} setting)
 * @param schemas      source schema to target schema
 * @param tables       tables created under another name, as structured names (a name may hold dots)
 * @param includeData  false for a structure-only clone
 */
public record CloneOptions(String conflict, Map<String, String> schemas, List<TableRename> tables,
                           boolean includeData) {

    public CloneOptions {
        schemas = schemas == null ? Map.of() : Map.copyOf(schemas);
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    public static CloneOptions defaults() {
        return new CloneOptions("error", Map.of(), List.of(), true);
    }

    /** Source table to target table, for the renamed ones. */
    public Map<QualifiedName, QualifiedName> tableRenames() {
        Map<QualifiedName, QualifiedName> t = new LinkedHashMap<>();
        tables.forEach(r -> t.put(r.from(), r.to()));
        return t;
    }

    public SqlRenamer renamer() {
        return new SqlRenamer(schemas, tableRenames());
    }
}
