package io.pgclone.core.catalog;


import java.util.List;

/**
 * Everything a clone recreates, read under its snapshot.
 *
 * @param objects  every object, pre-data in creation order, then post-data
 * @param tables   the tables, in a fixed order (schema, name), whose rows travel
 * @param warnings objects that cannot be cloned, by name and reason
 */
public record Catalog(List<CatalogObject> objects, List<TableDef> tables, List<String> warnings) {
}
