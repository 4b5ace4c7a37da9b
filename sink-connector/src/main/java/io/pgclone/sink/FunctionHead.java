package io.pgclone.sink;

/**
 * The head of a {@code CREATE OR REPLACE FUNCTION|PROCEDURE|AGGREGATE name(...)} statement as {@code pg_get_functiondef}
 * (and the catalog reader, for aggregates) writes it: without {@code OR REPLACE} (so an existing routine of the same signature makes it fail instead of
 * being replaced silently), or under another name (to probe the signature the server resolves).
 */
final class FunctionHead {
    private static final String[] KINDS = {"FUNCTION ", "PROCEDURE ", "AGGREGATE "};

    private FunctionHead() {
    }

    static String withoutOrReplace(String sql) {
        for (String kind : KINDS) {
            if (sql.startsWith("CREATE OR REPLACE " + kind)) {
                return "CREATE " + kind + sql.substring(("CREATE OR REPLACE " + kind).length());
            }
        }
        return sql;
    }

    /** {@code CREATE FUNCTION|PROCEDURE} with the name before the argument list replaced by {@code qualified}. */
    static String renamed(String plain, String qualified) {
        for (String kind : KINDS) {
            String head = "CREATE " + kind;
            if (plain.startsWith(head)) {
                int paren = nameEnd(plain, head.length());
                return head + qualified + plain.substring(paren);
            }
        }
        throw new IllegalArgumentException("not a CREATE FUNCTION or CREATE PROCEDURE statement");
    }

    /** Where the (possibly quoted, qualified) name starting at {@code from} ends: its argument list's parenthesis. */
    private static int nameEnd(String sql, int from) {
        boolean quoted = false;
        for (int i = from; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '(' && !quoted) {
                return i;
            }
        }
        throw new IllegalArgumentException("no argument list after the routine's name");
    }
}
