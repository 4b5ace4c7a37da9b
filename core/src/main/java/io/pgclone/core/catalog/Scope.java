package io.pgclone.core.catalog;

import io.pgclone.core.sql.QualifiedName;

import java.util.List;

/**
 * What a clone covers, as pgclone's table / schema / database / functions calls do.
 *
 * @param tables        tables named one by one (table scope), with what they need (types, sequences, functions)
 * @param schemas       whole schemas (schema scope); empty with {@code allSchemas} false means none
 * @param allSchemas    every user schema (database scope)
 * @param functionsOnly only the functions and procedures of the schemas
 * @param indexes       clone indexes
 * @param constraints   clone PK, UNIQUE, CHECK, FK and EXCLUDE constraints
 * @param triggers      clone triggers
 * @param matviews      clone materialized views (with their indexes and data)
 * @param owners        set owners as on the source
 * @param grants        grant privileges as on the source
 */
public record Scope(List<QualifiedName> tables, List<String> schemas, boolean allSchemas, boolean functionsOnly,
                    boolean indexes, boolean constraints, boolean triggers, boolean matviews, boolean owners,
                    boolean grants) {

    public static Scope tables(List<QualifiedName> tables) {
        return new Scope(tables, List.of(), false, false, true, true, true, true, true, true);
    }

    public boolean wholeSchemas() {
        return allSchemas || !schemas.isEmpty();
    }
}
