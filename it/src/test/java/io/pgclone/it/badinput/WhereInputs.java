package io.pgclone.it.badinput;

import java.util.List;

import static io.pgclone.it.badinput.BadInput.Group.WHERE;
import static io.pgclone.it.badinput.Trials.validateSource;

/**
 * Row filters ({@code where} in table.options): what cannot be one expression is refused as the filter is read;
 * what the source server says may not run (side effects, other relations, unknown names, type errors) is refused by
 * validate, naming the function or relation.
 */
final class WhereInputs {
    private WhereInputs() {
    }

    private static BadInput where(String id, String input, String where, String expect) {
        String json = "{\"public.accounts\": {\"where\": \"" + where.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}}";
        return BadInput.of(id, WHERE, input, "table.options", expect, validateSource(c -> c.with("table.options", json)));
    }

    static List<BadInput> cases() {
        return List.of(
                where("where-semicolon", "a second statement after a semicolon", "id > 0; DELETE FROM accounts",
                        "holds a semicolon"),
                where("where-e-after-name", "a quote after a name ending in E (no E'' string), hiding a COMMIT and a DELETE",
                        "note = namE'\\' ) ; COMMIT; BEGIN; DELETE FROM accounts; COMMIT; SELECT 1 --'", "holds a semicolon"),
                where("where-dollar-after-name-byte", "a $tag$ after a non-ASCII name byte, hiding a DELETE",
                        "note = €$q$; DELETE FROM accounts; $q$", "holds a semicolon"),
                where("where-closes-paren", "a parenthesis that closes the query's own", "id > 0) UNION (SELECT 1",
                        "closes a parenthesis it did not open"),
                where("where-open-paren", "a parenthesis left open", "(id > 0", "parenthesis(es) open"),
                where("where-parameter", "a parameter", "id = $1", "parameter"),
                where("where-unterminated-string", "an unterminated string", "note = 'x", "unterminated string"),
                where("where-unterminated-dollar", "an unterminated $tag$ string", "note = $x$abc",
                        "unterminated $x$ string"),
                where("where-comment-only", "only a comment", "-- nothing", "holds only comments"),
                where("where-empty", "an empty filter", " ", "is empty"),
                where("where-unknown-column", "a column the table lacks", "nosuch > 1",
                        "column \"nosuch\" does not exist"),
                where("where-type-error", "a value of the wrong type", "id = 'abc'", "invalid input syntax for type integer"),
                where("where-not-boolean", "an expression that is not boolean", "note", "must be type boolean"),
                where("where-pg-sleep", "pg_sleep (volatile)", "pg_sleep(600) IS NULL",
                        "pg_sleep(double precision), which is VOLATILE"),
                where("where-terminate-backend", "pg_terminate_backend (volatile)",
                        "pg_terminate_backend(pg_backend_pid())", "pg_terminate_backend(integer,bigint), which is VOLATILE"),
                where("where-set-config", "set_config, which could turn off read-only",
                        "set_config('default_transaction_read_only', 'off', false) <> ''", "set_config(text,text,boolean)"),
                where("where-lo-export", "lo_export, which writes a file on the server", "lo_export(1, '/tmp/x') = 1",
                        "lo_export(oid,text), which is VOLATILE"),
                where("where-random", "random() (volatile: a chunk read again would differ)", "random() < 0.5",
                        "random(), which is VOLATILE"),
                where("where-nextval", "nextval, which writes", "nextval('public.other'::regclass) > 0",
                        "nextval(regclass), which is VOLATILE"),
                where("where-table-to-xml", "table_to_xml, which reads any table", "length(table_to_xml('pg_authid',"
                        + " true, false, '')::text) > 0", "PARALLEL RESTRICTED"),
                where("where-txid-current", "txid_current (parallel unsafe)", "txid_current() > 0", "PARALLEL UNSAFE"),
                where("where-attribute-notation", "a volatile function called as an attribute (accounts.leak)",
                        "accounts.leak", "leak(accounts), which is VOLATILE"),
                where("where-reads-pg-authid", "a subquery on pg_authid", "EXISTS (SELECT 1 FROM pg_authid"
                        + " WHERE rolpassword LIKE 'SCRAM%')", "reads pg_catalog.pg_authid"),
                where("where-reads-other-table", "a subquery on another table", "id IN (SELECT id FROM public.other)",
                        "reads public.other"),
                where("where-data-modifying-cte", "a DELETE in a subquery's WITH",
                        "id IN (WITH d AS (DELETE FROM public.other RETURNING id) SELECT id FROM d)",
                        "is not a valid expression"),
                where("where-cross-join-other-table", "a subquery joining another table to this one",
                        "id IN (SELECT a.id FROM ONLY public.accounts a, public.other o WHERE a.id = o.id)",
                        "reads public.other"),
                where("where-qualified-volatile", "a schema-qualified volatile function",
                        "pg_catalog.clock_timestamp() > now()", "clock_timestamp(), which is VOLATILE"));
    }
}
