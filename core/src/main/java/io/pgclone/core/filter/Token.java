package io.pgclone.core.filter;

/**
 * One lexical token of a row filter, as PostgreSQL's scanner would cut it.
 *
 * @param kind  what it is
 * @param value the name (case-folded as PostgreSQL folds it), the decoded string, or the text of a number,
 *              operator or punctuation
 * @param sql   how it is written back: a form that every server lexes as this one token, whatever its settings
 */
record Token(Kind kind, String value, String sql) {

    enum Kind {
        /** An unquoted name or key word: {@code value} is folded to lower case (ASCII only, as PostgreSQL does). */
        NAME,
        /** A double-quoted name. */
        QUOTED_NAME,
        /** A string constant, any of '', E'', U&'', $$...$$ (and continuations over a newline). */
        STRING,
        /** A bit-string constant B'0101' or X'1F': {@code value} holds the digits, {@code sql} the prefix too. */
        BIT_STRING,
        NUMBER,
        OPERATOR,
        /** ( ) [ ] , . :: : .. := => */
        PUNCTUATION
    }

    boolean is(Kind k, String v) {
        return kind == k && value.equals(v);
    }

    boolean isName() {
        return kind == Kind.NAME || kind == Kind.QUOTED_NAME;
    }

    boolean isPunctuation(String v) {
        return is(Kind.PUNCTUATION, v);
    }
}
