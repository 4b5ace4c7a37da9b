package io.pgclone.core.sql;

/** Quoting of SQL identifiers and literals, the way PostgreSQL's quote_ident and quote_literal do. */
public final class Identifiers {
    private Identifiers() {
    }

    /** Always double-quotes: safe for any name, including upper case, spaces and keywords. */
    public static String quote(String ident) {
        return '"' + ident.replace("\"", "\"\"") + '"';
    }

    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /** A standard-conforming string literal ({@code E''} is never needed: backslashes are not special). */
    public static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
