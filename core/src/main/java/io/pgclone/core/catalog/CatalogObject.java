package io.pgclone.core.catalog;


import java.util.List;

/**
 * One object of the source catalog as sent on the control topic, in the order the target must create it.
 *
 * @param kind        what it is: schema, extension, type, function, sequence, table, view, matview, owned-by,
 *                    comment, owner, grant, constraint, index, trigger, rls, policy, statistics, sequence-value,
 *                    refresh
 * @param identity    unique key, e.g. {@code table:app.orders}, {@code index:app.orders_at_idx}
 * @param schema      the source schema the object lives in (for renames); null for extensions
 * @param name        its name within the schema (a constraint, trigger or policy: within its table)
 * @param section     {@code pre-data} (created before any row is loaded) or {@code post-data}
 * @param category    the switch that can leave it out: indexes, constraints, triggers, matviews, or null
 * @param dependsOn   identities of other objects of the clone it needs first
 * @param needsTables identities of the tables whose rows must be loaded before it runs (post-data)
 * @param statements  the statements creating it, in order, with source names, every name schema-qualified; each
 *                    exactly one SQL statement (the target refuses one that holds more)
 * @param table       the structured definition when {@code kind} is table
 */
public record CatalogObject(String kind, String identity, String schema, String name, String section, String category,
                            List<String> dependsOn, List<String> needsTables, List<String> statements, TableDef table) {
    public static final String TABLE = "table";
    public static final String PRE_DATA = "pre-data";
    public static final String POST_DATA = "post-data";

    public CatalogObject {
        statements = statements == null ? List.of() : List.copyOf(statements);
    }

    public static CatalogObject table(TableDef t) {
        return new CatalogObject(TABLE, "table:" + t.name().schema() + "." + t.name().name(), t.name().schema(),
                t.name().name(), PRE_DATA, null, List.of(), List.of(), List.of(), t);
    }

    /** How objects name a column they need in {@link #dependsOn}: {@code column:schema.table.column}. */
    public static String columnId(String schema, String table, String column) {
        return "column:" + schema + "." + table + "." + column;
    }

    public boolean isPostData() {
        return POST_DATA.equals(section);
    }

    /** The statements as one text, for people and comparisons (never executed as such). */
    public String sql() {
        return statements.isEmpty() ? null : String.join(";\n", statements);
    }

    /** The same object with other statements (renamed, or adapted to the target's version). */
    public CatalogObject withStatements(List<String> other) {
        return new CatalogObject(kind, identity, schema, name, section, category, dependsOn, needsTables, other, table);
    }
}
