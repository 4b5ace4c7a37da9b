package io.pgclone.core.sql;

import io.pgclone.core.sql.SqlTokens.Kind;
import io.pgclone.core.sql.SqlTokens.Token;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renames schemas and relations inside SQL text the server deparsed with every name schema-qualified, token by
 * token ({@link SqlTokens}), so comments, literals and quoted names are never mistaken for code.
 *
 * <p>What it rewrites: {@code schema.name} pairs (quoted or not; a renamed relation, else a renamed schema); the
 * name after the keyword {@code SCHEMA}; the elements of a {@code search_path} set by {@code SET search_path TO|=}
 * (identifiers or literals) or by {@code set_config('search_path', '...', ...)}; and a string literal whose whole
 * content is a qualified name ({@code 'app.s'}, {@code 'app.t'::regclass}, {@code setval('app.s', 1)},
 * {@code 'app.f(app.t)'::regprocedure}): such a literal names an object. Dollar-quoted bodies of SQL and PL/pgSQL
 * are renamed as SQL.
 *
 * <p>What it refuses ({@link Refused}, in {@link #apply}): any other literal that mentions a renamed schema or
 * relation (dynamic SQL such as {@code EXECUTE 'INSERT INTO app.log ...'}, a bare {@code 'app'} passed to
 * {@code format} or {@code quote_ident}), and a body in another language that mentions one: rewriting text whose
 * meaning is not known could change data, and leaving it would make the copy read or write the original schema.
 * A refused rename names the reason; the caller names the object and changes nothing.
 */
public final class SqlRenamer {
    private final Map<String, String> schemas;
    private final Map<QualifiedName, QualifiedName> tables;

    /** A reference the renamer cannot rewrite safely; the message says which and why. */
    public static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * @param schemas source schema to target schema
     * @param tables  source relation to target relation (tables, and the sequences, indexes and statistics named
     *                after them); a relation here wins over its schema's rename
     */
    public SqlRenamer(Map<String, String> schemas, Map<QualifiedName, QualifiedName> tables) {
        this.schemas = Map.copyOf(schemas);
        this.tables = Map.copyOf(tables);
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
    public Set<String> targetSchemas() {
        Set<String> out = new HashSet<>(schemas.values());
        tables.values().forEach(t -> out.add(t.schema()));
        return out;
    }

    public String schema(String s) {
        return schemas.getOrDefault(s, s);
    }

    /** The same renamer, with more relations renamed (the dependents of renamed tables). */
    public SqlRenamer withRelations(Map<QualifiedName, QualifiedName> more) {
        Map<QualifiedName, QualifiedName> all = new LinkedHashMap<>(tables);
        all.putAll(more);
        return new SqlRenamer(schemas, all);
    }

    /** Renames one statement; {@link Refused} when a reference in it cannot be rewritten safely. */
    public String apply(String sql) {
        return sql == null || isIdentity() ? sql : new Pass(true).run(sql);
    }

    /** Renames what can be renamed safely and leaves the rest, for comparing catalogs (never for executing). */
    public String applyLeniently(String sql) {
        return sql == null || isIdentity() ? sql : new Pass(false).run(sql);
    }

    /** One walk over a statement or body, with the little context the rules need. */
    private final class Pass {
        private final boolean strict;
        private List<Token> tokens;
        private StringBuilder out;
        private boolean schemaNext;      // after the keyword SCHEMA (CREATE SCHEMA IF NOT EXISTS s, ON SCHEMA s)
        private int searchPath;          // 0 none, 1 after search_path, 2 expecting a value, 3 after a value
        private boolean searchPathLiteral; // after set_config('search_path', : the next literal is the value
        private String language;         // LANGUAGE of the function being created

        Pass(boolean strict) {
            this.strict = strict;
        }

        String run(String sql) {
            tokens = SqlTokens.of(sql);
            out = new StringBuilder(sql.length() + 16);
            for (int i = 0; i < tokens.size(); i++) {
                i = token(i);
            }
            return out.toString();
        }

        /** Handles the token at i (and any it consumes); returns the index of the last token consumed. */
        private int token(int i) {
            Token t = tokens.get(i);
            if (!t.isSignificant()) {
                out.append(t.text());
                return i;
            }
            boolean afterSchema = schemaNext;
            schemaNext = false;
            boolean pathLiteral = searchPathLiteral;
            searchPathLiteral = false;
            int path = searchPath;
            if (path == 1 && !(t.isWord("to") || t.isChar('='))) {
                searchPath = 0;
            } else if (path == 2) {
                searchPath = t.isIdentifier() || t.is(Kind.STRING) ? 3 : 0;
            } else if (path == 3) {
                searchPath = t.isChar(',') ? 2 : 0;
            }
            if (path == 3) {
                path = 0;
            }
            switch (t.kind()) {
                case STRING -> {
                    if (path == 2 || pathLiteral) {
                        out.append(searchPathLiteral(t));
                    } else {
                        out.append(literal(t));
                        if (t.prefix().isEmpty() && t.value().equalsIgnoreCase("search_path") && isChar(i + 1, ',')) {
                            searchPathLiteral = true; // set_config('search_path', '...', ...)
                            out.append(',');
                            return i + 1;
                        }
                    }
                    language = language == null && lastWordWas(i, "language") ? t.value() : language;
                }
                case DOLLAR -> out.append(body(t));
                case IDENT, QUOTED_IDENT -> {
                    return identifier(i, t, afterSchema, path == 2);
                }
                default -> {
                    if (path == 1 && t.isChar('=')) {
                        searchPath = 2;
                    }
                    if (t.isChar(';')) {
                        searchPath = 0;
                    }
                    out.append(t.text());
                }
            }
            return i;
        }

        private int identifier(int i, Token t, boolean afterSchema, boolean inPath) {
            if (isChar(i + 1, '.') && i + 2 < tokens.size() && tokens.get(i + 2).isIdentifier()) {
                QualifiedName pair = new QualifiedName(t.value(), tokens.get(i + 2).value());
                QualifiedName renamed = tables.get(pair);
                if (renamed != null) {
                    out.append(renamed.sql());
                    return i + 2;
                }
            }
            if (isChar(i + 1, '.')) {
                String s = schemas.get(t.value());
                out.append(s != null ? Identifiers.quote(s) : t.text());
                return i;
            }
            if ((afterSchema || inPath) && schemas.containsKey(t.value())) {
                out.append(Identifiers.quote(schemas.get(t.value())));
                return i;
            }
            out.append(t.text());
            if (t.is(Kind.IDENT)) {
                if (afterSchema && (t.isWord("if") || t.isWord("not") || t.isWord("exists"))) {
                    schemaNext = true;
                } else if (t.isWord("schema")) {
                    schemaNext = true;
                } else if (t.isWord("search_path")) {
                    searchPath = 1;
                } else if (t.isWord("to") && afterSearchPath(i)) {
                    searchPath = 2;
                } else if (language == null && lastWordWas(i, "language")) {
                    language = t.value();
                }
            }
            return i;
        }

        /** A literal naming an object is renamed; one mentioning a renamed name otherwise is refused. */
        private String literal(Token t) {
            String content = t.value();
            boolean plain = t.prefix().isEmpty() || (t.prefix().equals("E") && content.indexOf('\\') < 0);
            if (plain) {
                String renamed = qualifiedNameLiteral(content);
                if (renamed != null) {
                    return renamed.equals(content) ? t.text() : Identifiers.literal(renamed);
                }
            }
            if (!t.prefix().equals("B") && !t.prefix().equals("X")) {
                String mention = mention(content);
                if (mention != null) {
                    refuse("a string literal mentions " + mention + " (" + excerpt(t.text()) + "), which cannot be"
                            + " renamed safely inside text");
                }
            }
            return t.text();
        }

        /** The content renamed when it is exactly a qualified name (optionally with an argument list), else null. */
        private String qualifiedNameLiteral(String content) {
            List<String> parts = new ArrayList<>();
            int end = NameList.parseDotted(content, parts);
            if (end < 0 || parts.size() != 2) {
                return null;
            }
            String rest = content.substring(end);
            if (!rest.isEmpty() && !(rest.startsWith("(") && rest.endsWith(")"))) {
                return null;
            }
            QualifiedName from = new QualifiedName(parts.get(0), parts.get(1));
            QualifiedName n = rename(from);
            String args = rest.isEmpty() ? "" : new Pass(strict).run(rest);
            return n.equals(from) && args.equals(rest) ? content : n + args;
        }

        /** A search_path value given as a literal: a comma-separated list of schema names. */
        private String searchPathLiteral(Token t) {
            List<String> names = t.prefix().isEmpty() ? NameList.parseList(t.value()) : null;
            if (names == null) {
                return literal(t);
            }
            List<String> renamed = new ArrayList<>();
            boolean changed = false;
            for (String n : names) {
                String to = schemas.get(n);
                changed |= to != null;
                renamed.add(NameList.display(to != null ? to : n));
            }
            return changed ? Identifiers.literal(String.join(", ", renamed)) : t.text();
        }

        /** A dollar-quoted body: SQL and PL/pgSQL are renamed as SQL; other languages are only checked. */
        private String body(Token t) {
            if (language == null || language.equals("sql") || language.equals("plpgsql")) {
                Pass inner = new Pass(strict);
                return t.prefix() + inner.run(t.value()) + t.prefix();
            }
            String mention = mention(t.value());
            if (mention != null) {
                refuse("its body in language " + language + " mentions " + mention + ", which cannot be renamed"
                        + " safely in that language");
            }
            return t.text();
        }

        /** The renamed schema or relation the text refers to as SQL would (a qualifier, or the whole text), or null. */
        private String mention(String text) {
            List<Token> inner = SqlTokens.of(text);
            List<Token> sig = inner.stream().filter(Token::isSignificant).toList();
            if (sig.size() == 1 && sig.get(0).isIdentifier() && schemas.containsKey(sig.get(0).value())) {
                return "schema " + sig.get(0).value();
            }
            for (int k = 0; k < inner.size(); k++) {
                Token a = inner.get(k);
                if (!a.isIdentifier() || k + 1 >= inner.size() || !inner.get(k + 1).isChar('.')) {
                    if (a.is(Kind.STRING) || a.is(Kind.DOLLAR)) {
                        String nested = mention(a.value());
                        if (nested != null) {
                            return nested;
                        }
                    }
                    continue;
                }
                if (schemas.containsKey(a.value())) {
                    return "schema " + a.value();
                }
                if (k + 2 < inner.size() && inner.get(k + 2).isIdentifier()
                        && tables.containsKey(new QualifiedName(a.value(), inner.get(k + 2).value()))) {
                    return "relation " + new QualifiedName(a.value(), inner.get(k + 2).value());
                }
            }
            return null;
        }

        private void refuse(String why) {
            if (strict) {
                throw new Refused(why);
            }
        }

        /** Whether the significant token before k is search_path (so a TO here starts its value). */
        private boolean afterSearchPath(int k) {
            return lastWordWas(k, "search_path");
        }

        private boolean isChar(int k, char c) {
            return k < tokens.size() && tokens.get(k).isChar(c);
        }

        /** Whether the significant token before k is the given word. */
        private boolean lastWordWas(int k, String word) {
            for (int j = k - 1; j >= 0; j--) {
                if (tokens.get(j).isSignificant()) {
                    return tokens.get(j).isWord(word);
                }
            }
            return false;
        }
    }

    private static String excerpt(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
