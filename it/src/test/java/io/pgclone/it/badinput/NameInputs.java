package io.pgclone.it.badinput;

import java.util.List;

import static io.pgclone.it.badinput.BadInput.Group.NAMES;
import static io.pgclone.it.badinput.Trials.validateSink;
import static io.pgclone.it.badinput.Trials.validateSource;

/**
 * Names as users write them in settings: quoting, folding (ASCII only, as PostgreSQL does), PostgreSQL's 63-byte
 * limit, names that Kafka's topic names cannot tell apart.
 */
final class NameInputs {
    private NameInputs() {
    }

    private static BadInput tables(String id, String input, String value, String expect) {
        return BadInput.of(id, NAMES, input, "tables", expect, validateSource(c -> c.with("tables", value)));
    }

    private static BadInput renames(String id, String input, String key, String value, String expect) {
        return BadInput.of(id, NAMES, input, key, expect, validateSink(c -> c.with(key, value)));
    }

    static List<BadInput> cases() {
        String long64 = "t".repeat(64);
        return List.of(
                tables("name-three-parts", "a table name with three parts", "db.public.accounts", "is not a table name"),
                tables("name-unterminated-quote", "a table name with an unterminated quote", "\"accounts",
                        "unterminated quoted name"),
                tables("name-unquoted-space", "an unquoted table name with a space", "my table", "unexpected space"),
                tables("name-empty-quoted", "an empty quoted table name", "public.\"\"", "empty quoted name"),
                tables("name-too-long", "a table name of 64 bytes", long64, "63"),
                tables("name-list-empty-item", "an empty item in the tables list", "public.accounts,,public.other",
                        "empty name in the list"),
                tables("name-quoted-dot-is-one-name", "a quoted name holding a dot (one name, not schema.table)",
                        "\"public.accounts\"", "table public.\"public.accounts\" does not exist on the source"),
                tables("name-quoted-comma-is-one-name", "a quoted name holding a comma (one name, not two)",
                        "public.\"accounts,other\"", "table public.\"accounts,other\" does not exist on the source"),
                tables("name-non-ascii-case-kept", "non-ASCII upper case, which PostgreSQL does not fold", "ÄCCOUNTS",
                        "table public.\"Äccounts\" does not exist on the source"),
                new BadInput("name-is-a-view", NAMES, "a view given in tables", "tables", "or is not a table",
                        w -> w.pg.execute(w.source, "CREATE VIEW public.accounts_v AS SELECT id FROM public.accounts"),
                        validateSource(c -> c.with("tables", "public.accounts_v"))),
                tables("name-topic-collision", "two tables whose topic names collide", "public.\"a.b\",public.a_b",
                        "would share the topic"),
                new BadInput("name-topic-too-long", NAMES, "a topic.prefix that makes a topic name over 249 characters",
                        "topic.prefix", "Kafka allows 249",
                        w -> w.pg.execute(w.source, "CREATE TABLE public.\"" + "x".repeat(60) + "\" (id int)"),
                        validateSource(c -> c.with("topic.prefix", "p".repeat(190))
                                .with("tables", "public.\"" + "x".repeat(60) + "\""))),
                BadInput.of("name-quoted-schema-with-comma", NAMES, "a quoted schema name holding a comma (one schema)",
                        "schemas", "schema a,b does not exist on the source",
                        validateSource(c -> c.with("tables", "").with("schemas", "\"a,b\""))),
                renames("rename-target-too-long", "a rename.tables target of 64 bytes", "rename.tables",
                        "public.accounts:" + long64, "63"),
                renames("rename-two-onto-one", "two tables renamed to one name", "rename.tables",
                        "public.accounts:x,public.other:x", "both create"),
                renames("rename-schema-too-long", "a rename.schemas target of 64 bytes", "rename.schemas",
                        "app:" + "s".repeat(64), "63 bytes"));
    }
}
