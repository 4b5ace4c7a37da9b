package io.pgclone.core.catalog;

/**
 * One column of a table.
 *
 * @param name         column name
 * @param type         its type
 * @param notNull      NOT NULL
 * @param defaultExpr  the DEFAULT expression ({@code pg_get_expr}, schema-qualified), or null
 * @param identity     {@code a} ALWAYS, {@code d} BY DEFAULT, or empty
 * @param generated    {@code s} for a stored generated column (its expression is in {@code defaultExpr}), or empty
 * @param collation    the column's collation when it differs from its type's default, qualified, or null
 */
public record ColumnDef(String name, ColumnType type, boolean notNull, String defaultExpr, String identity,
                        String generated, String collation) {

    /** Generated columns are computed by the target: never read, never loaded. */
    public boolean isGenerated() {
        return generated != null && !generated.isEmpty();
    }
}
