package io.pgclone.core.protocol;

import io.pgclone.core.sql.QualifiedName;
import io.pgclone.core.sql.SqlRenamer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the target does differently from the source, carried in the manifest.
 *
 * @param conflict     error, skip, replace or rename (see the source connector's {@code conflict} setting)
 * @param schemas      source schema to target schema
 * @param tables       source "schema.table" to target "schema.table"
 * @param includeData  false for a structure-only clone
 */
public record CloneOptions(String conflict, Map<String, String> schemas, Map<String, String> tables,
                           boolean includeData) {

    public static CloneOptions defaults() {
        return new CloneOptions("error", Map.of(), Map.of(), true);
    }

    public SqlRenamer renamer() {
        Map<QualifiedName, QualifiedName> t = new LinkedHashMap<>();
        tables.forEach((from, to) -> t.put(split(from), split(to)));
        return new SqlRenamer(schemas, t);
    }

    private static QualifiedName split(String schemaDotName) {
        int dot = schemaDotName.indexOf('.');
        return new QualifiedName(schemaDotName.substring(0, dot), schemaDotName.substring(dot + 1));
    }
}
