package io.pgclone.core.protocol;

import io.pgclone.core.catalog.TableDef;

/**
 * One object of the source catalog as sent on the control topic. For now every object is a table with its
 * structured definition; later kinds add their own fields.
 *
 * @param kind  object kind ({@code table})
 * @param table the table definition when {@code kind} is {@code table}
 */
public record CatalogObject(String kind, TableDef table) {
    public static final String TABLE = "table";

    public static CatalogObject table(TableDef t) {
        return new CatalogObject(TABLE, t);
    }
}
