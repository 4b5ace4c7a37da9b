package io.pgclone.core.filter;

import io.pgclone.core.filter.Token.Kind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A row filter (pgclone's {@code where} option) as it will run: the user's expression cut into PostgreSQL tokens
 * and written back in one canonical form, {@link #sql()}. That form, never the user's text, is what every statement
 * holds, so what the server parses is exactly what this class saw: no semicolon (a second statement), no comment
 * (hiding the rest of the query), no parameter, parentheses that never close more than they opened (the query's
 * own), and string constants that mean the same whatever {@code standard_conforming_strings} says.
 *
 * <p>What the expression may call is decided on the server, by {@link FilterCheck}, from the function calls and
 * operators listed here.
 */
public final class WhereFilter {
    private final List<Token> tokens;
    private final String sql;

    private WhereFilter(List<Token> tokens) {
        this.tokens = List.copyOf(tokens);
        this.sql = render(tokens, false);
    }

    /**
     * Tokens separated by a space, each in its canonical form. {@code prepared}: for a JDBC prepared statement,
     * where the driver reads {@code ?} as a parameter and {@code ??} as a question mark (only operators hold one
     * outside a string).
     */
    private static String render(List<Token> tokens, boolean prepared) {
        StringJoiner j = new StringJoiner(" ");
        for (Token t : tokens) {
            j.add(prepared && t.kind() == Kind.OPERATOR ? t.sql().replace("?", "??") : t.sql());
        }
        return j.toString();
    }

    /** Parses a filter; {@link IllegalArgumentException} saying what is wrong. */
    public static WhereFilter parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        List<Token> tokens = WhereLexer.tokens(text);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("holds only comments");
        }
        balance(tokens);
        return new WhereFilter(tokens);
    }

    private static void balance(List<Token> tokens) {
        int parens = 0;
        int brackets = 0;
        for (Token t : tokens) {
            if (t.isPunctuation("(")) {
                parens++;
            } else if (t.isPunctuation(")") && --parens < 0) {
                throw new IllegalArgumentException("closes a parenthesis it did not open");
            } else if (t.isPunctuation("[")) {
                brackets++;
            } else if (t.isPunctuation("]") && --brackets < 0) {
                throw new IllegalArgumentException("closes a bracket it did not open");
            }
        }
        if (parens != 0) {
            throw new IllegalArgumentException("leaves " + parens + " parenthesis(es) open");
        }
        if (brackets != 0) {
            throw new IllegalArgumentException("leaves " + brackets + " bracket(s) open");
        }
    }

    /** The canonical SQL of the expression, to be placed as {@code WHERE (<sql>)}. */
    public String sql() {
        return sql;
    }

    /** {@link #sql()} for a JDBC prepared statement. */
    public String preparedSql() {
        return render(tokens, true);
    }

    /**
     * A function call in the expression: {@code name(...)} or {@code schema.name(...)}.
     *
     * @param schema    the schema it names, or null
     * @param argTokens each argument's tokens, split at top-level commas
     */
    record Call(String schema, String name, List<List<Token>> argTokens) {
        List<String> args() {
            return argTokens.stream().map(a -> render(a, false)).toList();
        }

        List<String> preparedArgs() {
            return argTokens.stream().map(a -> render(a, true)).toList();
        }
    }

    /** Every function call site. */
    List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        for (int k = 0; k + 1 < tokens.size(); k++) {
            if (!tokens.get(k).isName() || !tokens.get(k + 1).isPunctuation("(")) {
                continue;
            }
            String schema = k >= 2 && tokens.get(k - 1).isPunctuation(".") && tokens.get(k - 2).isName()
                    ? tokens.get(k - 2).value() : null;
            calls.add(new Call(schema, tokens.get(k).value(), arguments(k + 1)));
        }
        return calls;
    }

    /** The arguments of the call whose opening parenthesis is at {@code open}. */
    private List<List<Token>> arguments(int open) {
        List<List<Token>> args = new ArrayList<>();
        List<Token> cur = new ArrayList<>();
        int depth = 0;
        for (int k = open + 1; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.isPunctuation("(") || t.isPunctuation("[")) {
                depth++;
            } else if (t.isPunctuation(")") || t.isPunctuation("]")) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && t.isPunctuation(",")) {
                args.add(cur);
                cur = new ArrayList<>();
                continue;
            }
            cur.add(t);
        }
        if (!cur.isEmpty() || !args.isEmpty()) {
            args.add(cur);
        }
        return args;
    }

    /**
     * Names after a dot that are not called with parentheses ({@code t.x}, {@code (r).x}): each is a column or a
     * field, or a function called in attribute notation ({@code t.f} is {@code f(t)}).
     */
    Set<String> attributeNames() {
        Set<String> names = new LinkedHashSet<>();
        for (int k = 1; k < tokens.size(); k++) {
            boolean called = k + 1 < tokens.size() && tokens.get(k + 1).isPunctuation("(");
            if (tokens.get(k).isName() && tokens.get(k - 1).isPunctuation(".") && !called) {
                names.add(tokens.get(k).value());
            }
        }
        return names;
    }

    /** The operators written in the expression. */
    Set<String> operators() {
        Set<String> ops = new LinkedHashSet<>();
        tokens.stream().filter(t -> t.kind() == Kind.OPERATOR).forEach(t -> ops.add(t.value()));
        return ops;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WhereFilter w && w.sql.equals(sql);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sql);
    }

    @Override
    public String toString() {
        return sql;
    }
}
