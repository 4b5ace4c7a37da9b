package io.pgclone.core.catalog;

/**
 * A column's type as the codec needs it. {@code formatted} is {@code format_type()} read with
 * {@code search_path = pg_catalog} (so user types are schema-qualified), e.g. {@code numeric(12,2)},
 * {@code timestamp(3) with time zone}, {@code app.mood[]}. Domains are resolved to their base type; arrays carry
 * their element's base type.
 *
 * @param formatted   the exact source type, for DDL and for consumers
 * @param baseName    {@code pg_catalog} name of the (domain-resolved) base type, e.g. {@code numeric}, {@code _int4}
 * @param baseBuiltin whether the base type lives in {@code pg_catalog}
 * @param typtype     {@code b} base, {@code e} enum, {@code c} composite, {@code r} range, {@code m} multirange
 * @param category    {@code typcategory} of the base type ({@code A} for arrays)
 * @param typmod      effective type modifier (-1 when none)
 * @param elementName base type name of the array element, null for non-arrays
 * @param elementTyptype typtype of the array element's base type, null for non-arrays
 */
public record ColumnType(String formatted, String baseName, boolean baseBuiltin, char typtype, char category,
                         int typmod, String elementName, Character elementTyptype) {

    public boolean isArray() {
        return elementName != null;
    }
}
