package io.pgclone.core.catalog;

/**
 * One column of a table.
 *
 * @param name            column name
 * @param type            its type
 * @param notNull         NOT NULL
 * @param defaultExpr     the DEFAULT expression ({@code pg_get_expr}, schema-qualified), or the generation
 *                        expression of a generated column, or null
 * @param identity        {@code a} ALWAYS, {@code d} BY DEFAULT, or empty
 * @param generated       {@code s} stored, {@code v} virtual (PostgreSQL 18), or empty
 * @param collation       the column's collation when it differs from its type's default, qualified, or null
 * @param local           defined by the table itself, not only inherited from a parent
 * @param identityOptions sequence options of an identity column, e.g. {@code START WITH 10 INCREMENT BY 5}
 */
public record ColumnDef(String name, ColumnType type, boolean notNull, String defaultExpr, String identity,
                        String generated, String collation, boolean local, String identityOptions) {

    public ColumnDef(String name, ColumnType type, boolean notNull, String defaultExpr, String identity,
                     String generated, String collation) {
        this(name, type, notNull, defaultExpr, identity, generated, collation, true, null);
    }

    /** Generated columns are computed by the target: never read, never loaded. */
    public boolean isGenerated() {
        return generated != null && !generated.isEmpty();
    }
}
