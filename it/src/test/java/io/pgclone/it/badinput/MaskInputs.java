package io.pgclone.it.badinput;

import io.pgclone.testkit.ConfigFiles.Connector;

import java.util.List;
import java.util.function.UnaryOperator;

import static io.pgclone.it.badinput.BadInput.Group.MASKS;
import static io.pgclone.it.badinput.Trials.validateSource;

/**
 * Masks, in the Mask transform and in the source's own mask settings: unknown columns, strategies that cannot fit,
 * a key that is no key.
 */
final class MaskInputs {
    private MaskInputs() {
    }

    private static UnaryOperator<Connector> mask(String key, String value) {
        return c -> c.with("transforms", "mask").with("transforms.mask.type", "io.pgclone.transforms.Mask")
                .with("transforms.mask." + key, value);
    }

    private static BadInput masks(String id, String input, String key, String value, String expect) {
        return BadInput.of(id, MASKS, input, "transforms.mask." + key, expect, validateSource(mask(key, value)));
    }

    static List<BadInput> cases() {
        return List.of(
                masks("mask-column-misspelled", "a masked column that no table has", "mask", "{\"emial\": \"email\"}",
                        "column emial is in no table of the clone"),
                masks("mask-hash-on-integer", "hash on an integer column", "mask", "{\"id\": \"hash\"}",
                        "hash gives a pseudonym for text, bigint and uuid"),
                masks("mask-null-on-not-null", "null on a NOT NULL column", "mask", "{\"email\": \"null\"}",
                        "null cannot mask a NOT NULL column"),
                masks("mask-table-not-cloned", "masks for a table outside the clone", "masks",
                        "{\"payroll\": {\"email\": \"email\"}}", "table payroll is not in the clone"),
                masks("mask-strategy-unknown", "an unknown strategy", "mask", "{\"email\": \"blur\"}", "blur"),
                masks("mask-not-json", "mask that is not JSON", "mask", "{email", "JSON"),
                masks("mask-partial-negative", "partial with a negative prefix", "mask",
                        "{\"note\": {\"type\": \"partial\", \"prefix\": -1}}", "prefix"),
                masks("mask-random-int-not-number", "random_int with a min that is not a number", "mask",
                        "{\"salary\": {\"type\": \"random_int\", \"min\": \"x\"}}", "min"),
                masks("mask-constant-without-value", "constant without a value", "mask",
                        "{\"note\": {\"type\": \"constant\"}}", "constant needs a \"value\""),
                masks("mask-phone-keep-last-negative", "phone keeping -1 digits", "mask",
                        "{\"note\": {\"type\": \"phone\", \"keep_last\": -1}}", "keep_last"),
                masks("mask-unknown-parameter", "a strategy parameter that does not exist", "mask",
                        "{\"note\": {\"type\": \"partial\", \"middle\": 2}}", "has no parameter 'middle'"),
                BadInput.of("mask-hash-key-empty", MASKS, "an empty hash.key", "transforms.mask.hash.key", "empty",
                        validateSource(c -> mask("mask", "{\"email\": \"hash\"}").apply(c)
                                .with("transforms.mask.hash.key", ""))),
                BadInput.of("mask-hash-key-unresolved", MASKS, "a hash.key ${file:...} reference the worker did not resolve",
                        "transforms.mask.hash.key", "was not resolved",
                        validateSource(c -> mask("mask", "{\"email\": \"hash\"}").apply(c)
                                .with("transforms.mask.hash.key", "${nosuchprovider:/etc/keys:mask.key}"))),
                // the source's own masks, applied in its COPY query: the same checks, named by the source setting
                source("source-mask-column-misspelled", "a source mask column that no table has", "mask",
                        "{\"emial\": \"email\"}", "column emial is in no table of the clone"),
                source("source-masks-hash-on-integer", "a source masks entry hashing an integer column", "masks",
                        "{\"accounts\": {\"id\": \"hash\"}}", "hash gives a pseudonym for text, bigint and uuid"),
                source("source-masks-table-not-cloned", "source masks for a table outside the clone", "masks",
                        "{\"payroll\": {\"email\": \"email\"}}", "table payroll is not in the clone"),
                source("source-masks-not-json", "source masks that are not JSON", "masks", "{accounts", "JSON"),
                source("source-mask-strategy-unknown", "an unknown strategy in the source mask", "mask",
                        "{\"email\": \"blur\"}", "blur"),
                BadInput.of("source-mask-hash-key-unresolved", MASKS, "a source mask.hash.key reference the worker did"
                        + " not resolve", "mask.hash.key", "was not resolved", validateSource(c -> c
                        .with("mask", "{\"email\": \"hash\"}").with("mask.hash.key", "${nosuchprovider:/etc/keys:mask.key}"))),
                BadInput.of("source-mask-hash-key-empty", MASKS, "an empty source mask.hash.key", "mask.hash.key", "empty",
                        validateSource(c -> c.with("mask", "{\"email\": \"hash\"}").with("mask.hash.key", ""))));
    }

    private static BadInput source(String id, String input, String key, String value, String expect) {
        return BadInput.of(id, MASKS, input, key, expect, validateSource(c -> c.with(key, value)));
    }
}
