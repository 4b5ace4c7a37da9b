package io.pgclone.it.badinput;

import java.util.List;

import static io.pgclone.it.badinput.BadInput.Group.OPTIONS;
import static io.pgclone.it.badinput.Trials.validateSink;
import static io.pgclone.it.badinput.Trials.validateSink;
import static io.pgclone.it.badinput.Trials.validateSource;

/** The connectors' own options: a wrong type, a value out of range, settings that cannot go together. */
final class OptionInputs {
    private OptionInputs() {
    }

    private static BadInput source(String id, String input, String key, String value, String expect) {
        return BadInput.of(id, OPTIONS, input, key, expect, validateSource(c -> c.with(key, value)));
    }

    private static BadInput sink(String id, String input, String key, String value, String expect) {
        return BadInput.of(id, OPTIONS, input, key, expect, validateSink(c -> c.with(key, value)));
    }

    private static BadInput tableOptions(String id, String input, String json, String expect) {
        return source(id, input, "table.options", json, expect);
    }

    static List<BadInput> cases() {
        return List.of(
                BadInput.of("tables-and-schemas", OPTIONS, "both tables and schemas", "schemas",
                        "set either tables or schemas, not both", validateSource(c -> c.with("schemas", "app"))),
                source("no-scope", "neither tables nor schemas", "tables", "", "set tables (a table scope) or schemas"),
                source("table-missing", "a table that does not exist", "tables", "public.nope",
                        "table public.nope does not exist on the source"),
                BadInput.of("schema-missing", OPTIONS, "a schema that does not exist", "schemas", "schema nosuch does not exist on the source",
                        validateSource(c -> c.with("tables", "").with("schemas", "nosuch"))),
                source("clone-id-space", "clone.id with a space", "clone.id", "a b", "start with a letter or '_'"),
                source("clone-id-dash", "clone.id starting with '-'", "clone.id", "-rf", "start with a letter or '_'"),
                source("clone-id-path", "clone.id holding a path", "clone.id", "../../etc", "start with a letter or '_'"),
                source("topic-prefix-slash", "topic.prefix with '/'", "topic.prefix", "bad/prefix",
                        "use letters, digits, '.', '_' and '-' only"),
                source("topic-prefix-long", "topic.prefix of 250 characters", "topic.prefix", "p".repeat(250),
                        "at most 199"),
                sink("conflict-unknown", "conflict 'overwrite'", "conflict", "overwrite",
                        "String must be one of: error, skip, replace, rename"),
                source("conflict-on-the-source", "conflict set on the source connector (it moved to the sink)",
                        "conflict", "skip", "is a setting of the sink connector"),
                source("rename-on-the-source", "rename.tables set on the source connector (it moved to the sink)",
                        "rename.tables", "public.accounts:a2", "move it from the source connector's config to the sink's"),
                source("snapshot-lost-unknown", "snapshot.lost 'maybe'", "snapshot.lost", "maybe",
                        "String must be one of: continue, fail, restart"),
                source("record-format-unknown", "record.format 'binary'", "record.format", "binary",
                        "String must be one of: typed, copy"),
                source("batch-size-zero", "batch.size 0", "batch.size", "0", "Value must be at least 1"),
                source("chunk-pages-not-a-number", "chunk.pages 'many'", "chunk.pages", "many",
                        "Not a number of type LONG"),
                source("chunk-pages-zero", "chunk.pages 0", "chunk.pages", "0", "Value must be at least 1"),
                source("topic-partitions-zero", "topic.partitions 0", "topic.partitions", "0", "Value must be at least 1"),
                source("copy-batch-bytes-small", "copy.batch.bytes 10", "copy.batch.bytes", "10",
                        "Value must be at least 1024"),
                source("lock-timeout-negative", "lock.timeout.ms -1", "lock.timeout.ms", "-1", "Value must be at least 0"),
                source("include-data-not-boolean", "include.data 'maybe'", "include.data", "maybe",
                        "Expected value to be either true or false"),
                BadInput.of("copy-format-with-transforms", OPTIONS, "record.format=copy with a transform",
                        "record.format", "transforms cannot read", validateSource(c -> c.with("record.format", "copy")
                                .with("transforms", "mask").with("transforms.mask.type", "io.pgclone.transforms.Mask")
                                .with("transforms.mask.mask", "{\"email\": \"email\"}"))),
                sink("rename-tables-no-colon", "a rename.tables pair without ':'", "rename.tables", "public.accounts",
                        "is not source:target"),
                sink("rename-schemas-no-target", "a rename.schemas pair without a target", "rename.schemas", "app:",
                        "is not source:target"),
                source("tolerance-all-source", "errors.tolerance=all on the source", "errors.tolerance", "all",
                        "the clone would lack its rows"),
                tableOptions("table-options-not-json", "table.options that is not JSON", "{oops", "not valid JSON"),
                tableOptions("table-options-not-object", "table.options that is a list", "[]", "must be a JSON object"),
                tableOptions("table-options-unknown-key", "an unknown table option", "{\"public.accounts\": {\"colums\": []}}",
                        "unknown option 'colums'"),
                tableOptions("table-options-columns-empty", "an empty columns list",
                        "{\"public.accounts\": {\"columns\": []}}", "non-empty"),
                tableOptions("table-options-column-missing", "a kept column the table lacks",
                        "{\"public.accounts\": {\"columns\": [\"id\", \"nosuch\"]}}", "has no column nosuch"),
                tableOptions("table-options-table-not-cloned", "options for a table outside the clone",
                        "{\"public.other\": {\"where\": \"id > 0\"}}", "public.other is not a table of this clone"),
                tableOptions("table-options-mask", "a mask in table.options", "{\"public.accounts\": {\"mask\": {}}}",
                        "masks go in the source's masks setting"),
                tableOptions("table-options-where-not-string", "a where that is a number",
                        "{\"public.accounts\": {\"where\": 5}}", "where must be a string"),
                BadInput.of("tolerance-all-sink", OPTIONS, "errors.tolerance=all on the sink", "errors.tolerance",
                        "the clone would lack its rows", validateSink(c -> c.with("errors.tolerance", "all"))),
                BadInput.of("topics-regex-invalid", OPTIONS, "a sink topics.regex that is no regular expression",
                        "topics.regex", "is not a valid regular expression", validateSink(c -> c.with("topics.regex", "(bad"))),
                BadInput.of("topics-regex-misses-control", OPTIONS, "a sink topics.regex that misses the control topic",
                        "topics.regex", "must include the control topic", validateSink(c -> c.with("topics.regex", "other\\..*"))),
                BadInput.of("sink-topic-prefix-bad", OPTIONS, "a sink topic.prefix with a space", "topic.prefix",
                        "use letters, digits", validateSink(c -> c.with("topic.prefix", "a b"))),
                BadInput.of("sink-maintenance-memory-bad", OPTIONS, "post.data.maintenance.work.mem 'lots'",
                        "post.data.maintenance.work.mem", "use a PostgreSQL memory size",
                        validateSink(c -> c.with("post.data.maintenance.work.mem", "lots"))),
                BadInput.of("value-converter-string", OPTIONS, "value.converter StringConverter", "value.converter",
                        "StringConverter turns the clone's records into text", validateSource(c -> c.with(
                                "value.converter", "org.apache.kafka.connect.storage.StringConverter"))),
                BadInput.of("value-converter-schemaless-typed", OPTIONS, "JsonConverter with schemas.enable=false for"
                                + " typed records", "value.converter.schemas.enable", "typed records need their schema",
                        validateSource(c -> c.with("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                                .with("value.converter.schemas.enable", "false"))),
                BadInput.of("value-converter-bytes-typed", OPTIONS, "ByteArrayConverter for typed records",
                        "value.converter", "ByteArrayConverter cannot write", validateSource(c -> c.with(
                                "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter"))),
                BadInput.of("value-converter-copy-schemaless", OPTIONS, "record.format=copy through schemaless JSON",
                        "value.converter", "record.format=copy sends raw COPY bytes", validateSource(c -> c
                                .with("record.format", "copy")
                                .with("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                                .with("value.converter.schemas.enable", "false"))),
                BadInput.of("sink-value-converter-string", OPTIONS, "a sink reading through StringConverter",
                        "value.converter", "StringConverter turns the clone's records into text", validateSink(c -> c
                                .with("value.converter", "org.apache.kafka.connect.storage.StringConverter"))));
    }
}
