package io.pgclone.core.sql;

import java.util.Map;

/**
 * Renames schemas and tables inside SQL text the server deparsed with every name schema-qualified. Works on tokens:
 * an identifier (quoted or not) followed by {@code .} is a schema name, and so is the one after the keyword
 * {@code SCHEMA}; {@code schema.table} pairs are tables.
 * String literals are left alone; dollar-quoted bodies (functions) are renamed too, as SQL.
 */
public final class SqlRenamer {
    private final Map<String, String> schemas;
    private final Map<QualifiedName, QualifiedName> tables;

    public SqlRenamer(Map<String, String> schemas, Map<QualifiedName, QualifiedName> tables) {
        this.schemas = schemas;
        this.tables = tables;
    }

    public boolean isIdentity() {
        return schemas.isEmpty() && tables.isEmpty();
    }

    public QualifiedName rename(QualifiedName n) {
        QualifiedName t = tables.get(n);
        if (t != null) {
            return t;
        }
        String s = schemas.get(n.schema());
        return s == null ? n : new QualifiedName(s, n.name());
    }

    /** The schema names this renamer produces. */
    public java.util.Set<String> targetSchemas() {
        java.util.Set<String> out = new java.util.HashSet<>(schemas.values());
        tables.values().forEach(t -> out.add(t.schema()));
        return out;
    }

    public String schema(String s) {
        return schemas.getOrDefault(s, s);
    }

    public String apply(String sql) {
        if (sql == null || isIdentity()) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int i = 0;
        int n = sql.length();
        boolean schemaNext = false; // after the keyword SCHEMA (CREATE SCHEMA IF NOT EXISTS s, ON SCHEMA s, ...)
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                out.append(c);
                i++;
                continue;
            }
            boolean afterSchema = schemaNext;
            schemaNext = false;
            if (c == '\'') {
                int end = endOfLiteral(sql, i);
                out.append(sql, i, end);
                i = end;
            } else if (c == '$' && (i == 0 || !isIdentPart(sql.charAt(i - 1)))) {
                int tagEnd = sql.indexOf('$', i + 1);
                String tag = tagEnd > 0 ? sql.substring(i, tagEnd + 1) : null;
                if (tag != null && tag.substring(1, tag.length() - 1).chars().allMatch(ch -> isIdentPart((char) ch))) {
                    int close = sql.indexOf(tag, tagEnd + 1);
                    if (close > 0) {
                        out.append(tag).append(apply(sql.substring(tagEnd + 1, close))).append(tag);
                        i = close + tag.length();
                        continue;
                    }
                }
                out.append(c);
                i++;
            } else if (c == '"' || isIdentStart(c)) {
                int[] end = new int[1];
                String ident = identifier(sql, i, end);
                int afterIdent = end[0];
                if (afterIdent < n && sql.charAt(afterIdent) == '.') {
                    int[] end2 = new int[1];
                    String second = afterIdent + 1 < n && (sql.charAt(afterIdent + 1) == '"'
                            || isIdentStart(sql.charAt(afterIdent + 1))) ? identifier(sql, afterIdent + 1, end2) : null;
                    QualifiedName table = second == null ? null : tables.get(new QualifiedName(ident, second));
                    if (table != null) {
                        out.append(Identifiers.quote(table.schema())).append('.').append(Identifiers.quote(table.name()));
                        i = end2[0];
                        continue;
                    }
                    String s = schemas.get(ident);
                    out.append(s != null ? Identifiers.quote(s) : sql.substring(i, afterIdent));
                    i = afterIdent;
                } else {
                    boolean quoted = c == '"';
                    if (afterSchema && !quoted && (ident.equals("if") || ident.equals("not") || ident.equals("exists"))) {
                        schemaNext = true;
                        out.append(sql, i, afterIdent);
                    } else if (afterSchema && schemas.containsKey(ident)) {
                        out.append(Identifiers.quote(schemas.get(ident)));
                    } else {
                        schemaNext = !quoted && ident.equals("schema");
                        out.append(sql, i, afterIdent);
                    }
                    i = afterIdent;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int endOfLiteral(String sql, int start) {
        boolean escapes = start > 0 && (sql.charAt(start - 1) == 'E' || sql.charAt(start - 1) == 'e');
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (escapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    /** The identifier at {@code start} (unquoted ones folded to lower case); {@code end[0]} gets its end. */
    private static String identifier(String sql, int start, int[] end) {
        if (sql.charAt(start) == '"') {
            StringBuilder b = new StringBuilder();
            int i = start + 1;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                if (c == '"') {
                    if (i + 1 < sql.length() && sql.charAt(i + 1) == '"') {
                        b.append('"');
                        i += 2;
                        continue;
                    }
                    end[0] = i + 1;
                    return b.toString();
                }
                b.append(c);
                i++;
            }
            end[0] = sql.length();
            return b.toString();
        }
        int i = start;
        while (i < sql.length() && isIdentPart(sql.charAt(i))) {
            i++;
        }
        end[0] = i;
        return sql.substring(start, i).toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
