package io.pgclone.core.catalog;

import io.pgclone.core.sql.Identifiers;

/**
 * What the catalog queries and the statements built from them share: catalog names, the filter that leaves out an
 * extension's members, and schema-qualified names.
 */
final class CatalogSql {
    static final String PG_CLASS = "pg_class";
    static final String PG_TYPE = "pg_type";
    static final String PG_PROC = "pg_proc";
    static final String PG_NAMESPACE = "pg_namespace";
    static final String PG_EXTENSION = "pg_extension";
    static final String PG_CONSTRAINT = "pg_constraint";
    static final String PG_COLLATION = "pg_collation";

    private static final String NOT_EXTENSION_MEMBER = " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = %s"
            + "::regclass AND e.objid = %s AND e.deptype = 'e')";

    private CatalogSql() {
    }

    /** A condition (starting with AND) that the object {@code oidColumn} of {@code catalog} is no extension's. */
    static String notMember(String catalog, String oidColumn) {
        return String.format(NOT_EXTENSION_MEMBER, "'" + catalog + "'", oidColumn);
    }

    static String qualified(String schema, String name) {
        return Identifiers.qualified(schema, name);
    }

    /** A definition the server deparsed (a view's query, a rule) as one statement: without its final semicolon. */
    static String withoutSemicolon(String def) {
        String d = def.strip();
        return d.endsWith(";") ? d.substring(0, d.length() - 1) : d;
    }
}
