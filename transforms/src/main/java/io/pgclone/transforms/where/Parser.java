package io.pgclone.transforms.where;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a {@code where} expression, once, into an {@link Expression}:
 * <pre>
 *   expr      := and (OR and)*
 *   and       := not (AND not)*
 *   not       := NOT not | predicate
 *   predicate := operand [ cmp operand | IS [NOT] NULL | [NOT] IN (literal, ...) | [NOT] LIKE 'pattern'
 *                        | [NOT] BETWEEN operand AND operand ]
 *   operand   := literal | column | ( expr )
 *   cmp       := = | &lt;&gt; | != | &lt; | &lt;= | &gt; | &gt;=
 *   literal   := number | 'text' | TRUE | FALSE | NULL
 * </pre>
 * Columns are names, double-quoted when needed. A syntax error names the position and what was expected.
 */
public final class Parser {
    private final List<Token> tokens;
    private final String text;
    private int pos;

    private record Token(String kind, String text, int at) {
        boolean is(String keyword) {
            return kind.equals("word") && text.equalsIgnoreCase(keyword);
        }
    }

    private Parser(String text) {
        this.text = text;
        this.tokens = lex(text);
    }

    /** The expression; {@link IllegalArgumentException} on a syntax error. */
    public static Expression parse(String text) {
        Parser p = new Parser(text);
        Expression e = p.or();
        if (p.pos < p.tokens.size()) {
            throw p.error("unexpected '" + p.peek().text + "'");
        }
        return e;
    }

    private Expression or() {
        Expression e = and();
        while (peekIs("OR")) {
            pos++;
            e = new Expression.Or(e, and());
        }
        return e;
    }

    private Expression and() {
        Expression e = not();
        while (peekIs("AND")) {
            pos++;
            e = new Expression.And(e, not());
        }
        return e;
    }

    private Expression not() {
        if (peekIs("NOT")) {
            pos++;
            return new Expression.Not(not());
        }
        return predicate();
    }

    private Expression predicate() {
        Expression left = operand();
        if (pos >= tokens.size()) {
            return left;
        }
        Token t = peek();
        if (t.kind.equals("op")) {
            pos++;
            return new Expression.Compare(t.text.equals("!=") ? "<>" : t.text, left, operand());
        }
        if (t.is("IS")) {
            pos++;
            boolean negated = accept("NOT");
            expect("NULL");
            return new Expression.IsNull(left, negated);
        }
        boolean negated = false;
        if (t.is("NOT")) {
            pos++;
            negated = true;
        }
        Expression e;
        if (accept("IN")) {
            expectSymbol("(");
            List<Object> values = new ArrayList<>();
            do {
                values.add(literal());
            } while (acceptSymbol(","));
            expectSymbol(")");
            e = new Expression.In(left, values);
        } else if (accept("LIKE")) {
            Token p = next("a quoted pattern after LIKE");
            if (!p.kind.equals("string")) {
                throw error("LIKE needs a quoted pattern");
            }
            e = Expression.Like.of(left, p.text);
        } else if (accept("BETWEEN")) {
            Expression low = operand();
            expect("AND");
            e = new Expression.And(new Expression.Compare(">=", left, low), new Expression.Compare("<=", left, operand()));
        } else if (negated) {
            throw error("expected IN, LIKE or BETWEEN after NOT");
        } else {
            return left;
        }
        return negated ? new Expression.Not(e) : e;
    }

    private Expression operand() {
        Token t = next("a column, a literal or '('");
        switch (t.kind) {
            case "symbol" -> {
                if (t.text.equals("(")) {
                    Expression e = or();
                    expectSymbol(")");
                    return e;
                }
                throw error("unexpected '" + t.text + "'");
            }
            case "number", "string" -> {
                pos--;
                return new Expression.Literal(literal());
            }
            case "op" -> {
                if (!t.text.equals("-")) {
                    throw error("unexpected '" + t.text + "'");
                }
                pos--;
                return new Expression.Literal(literal());
            }
            case "quoted" -> {
                return new Expression.Column(t.text);
            }
            default -> {
                if (t.is("TRUE") || t.is("FALSE") || t.is("NULL")) {
                    pos--;
                    return new Expression.Literal(literal());
                }
                if (Expression.KEYWORDS.contains(t.text.toUpperCase(Locale.ROOT))) {
                    throw error("unexpected " + t.text.toUpperCase(Locale.ROOT));
                }
                if (pos < tokens.size() && peek().text.equals("(") && peek().kind.equals("symbol")) {
                    throw error("function calls are not supported (" + t.text + "(...)); push the filter down with"
                            + " the source connector's table.options where, which takes any SQL expression");
                }
                return new Expression.Column(t.text.toLowerCase(Locale.ROOT));
            }
        }
    }

    private Object literal() {
        Token t = next("a literal");
        if (t.kind.equals("number")) {
            return new BigDecimal(t.text);
        }
        if (t.kind.equals("string")) {
            return t.text;
        }
        if (t.is("TRUE")) {
            return Boolean.TRUE;
        }
        if (t.is("FALSE")) {
            return Boolean.FALSE;
        }
        if (t.is("NULL")) {
            return Expression.NULL;
        }
        if (t.kind.equals("op") && t.text.equals("-") ) {
            return ((BigDecimal) literal()).negate();
        }
        throw error("expected a literal, not '" + t.text + "'");
    }

    // ------------------------------------------------------------------ tokens

    private static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                StringBuilder b = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= s.length()) {
                        throw new IllegalArgumentException("unterminated " + (c == '"' ? "quoted name" : "string")
                                + " at position " + (i + 1));
                    }
                    char d = s.charAt(j);
                    if (d == c) {
                        if (j + 1 < s.length() && s.charAt(j + 1) == c) {
                            b.append(c);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    b.append(d);
                    j++;
                }
                out.add(new Token(c == '"' ? "quoted" : "string", b.toString(), i));
                i = j + 1;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.'
                        || s.charAt(j) == 'e' || s.charAt(j) == 'E'
                        || ((s.charAt(j) == '-' || s.charAt(j) == '+') && (s.charAt(j - 1) == 'e' || s.charAt(j - 1) == 'E')))) {
                    j++;
                }
                out.add(new Token("number", s.substring(i, j), i));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) {
                    j++;
                }
                out.add(new Token("word", s.substring(i, j), i));
                i = j;
            } else if ("<>=!".indexOf(c) >= 0) {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (two.equals("<=") || two.equals(">=") || two.equals("<>") || two.equals("!=")) {
                    out.add(new Token("op", two, i));
                    i += 2;
                } else if (c == '!') {
                    throw new IllegalArgumentException("unexpected '!' at position " + (i + 1));
                } else {
                    out.add(new Token("op", String.valueOf(c), i));
                    i++;
                }
            } else if (c == '-') {
                out.add(new Token("op", "-", i));
                i++;
            } else if ("(),".indexOf(c) >= 0) {
                out.add(new Token("symbol", String.valueOf(c), i));
                i++;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at position " + (i + 1)
                        + " (only comparisons, AND/OR/NOT, IN, IS NULL, LIKE, BETWEEN and literals)");
            }
        }
        return out;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private boolean peekIs(String keyword) {
        return pos < tokens.size() && peek().is(keyword);
    }

    private boolean accept(String keyword) {
        if (peekIs(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(String sym) {
        if (pos < tokens.size() && peek().kind.equals("symbol") && peek().text.equals(sym)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String keyword) {
        if (!accept(keyword)) {
            throw error("expected " + keyword);
        }
    }

    private void expectSymbol(String sym) {
        if (!acceptSymbol(sym)) {
            throw error("expected '" + sym + "'");
        }
    }

    private Token next(String what) {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("expected " + what + " at the end of '" + text + "'");
        }
        return tokens.get(pos++);
    }

    private IllegalArgumentException error(String message) {
        int at = pos < tokens.size() ? tokens.get(pos).at : pos > 0 ? tokens.get(pos - 1).at : 0;
        return new IllegalArgumentException(message + " at position " + (at + 1) + " of '" + text + "'");
    }
}
