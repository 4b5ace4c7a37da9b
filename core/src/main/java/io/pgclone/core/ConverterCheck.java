package io.pgclone.core;

import java.util.Map;

/**
 * Which converters the clone's records survive, checked in both connectors' validate. Typed records carry their
 * PostgreSQL types in the Connect schema, so the value converter must keep schemas (JsonConverter with
 * {@code schemas.enable=true}, Avro, Protobuf, JSON Schema); raw COPY batches are bytes. A converter set on the
 * worker only is not seen here: the config/ files therefore name theirs, and the sink names the converter when a
 * record arrives without a schema.
 */
public final class ConverterCheck {
    public static final String VALUE_CONVERTER = "value.converter";
    public static final String VALUE_SCHEMAS = "value.converter.schemas.enable";
    private static final String JSON = "org.apache.kafka.connect.json.JsonConverter";
    private static final String STRING = "org.apache.kafka.connect.storage.StringConverter";
    private static final String BYTES = "org.apache.kafka.connect.converters.ByteArrayConverter";

    /** A setting and why it cannot work. */
    public record Problem(String setting, String message) {
    }

    private ConverterCheck() {
    }

    /**
     * @param copyFormat whether the records are raw COPY batches ({@code record.format=copy}), or null when the
     *                   connector cannot tell (the sink reads both)
     */
    public static Problem problem(Map<String, String> config, Boolean copyFormat) {
        String converter = config.get(VALUE_CONVERTER);
        if (converter == null) {
            return null;
        }
        converter = converter.strip();
        boolean schemaless = converter.equals(JSON)
                && "false".equalsIgnoreCase(String.valueOf(config.get(VALUE_SCHEMAS)).strip());
        if (converter.equals(STRING)) {
            return new Problem(VALUE_CONVERTER, "StringConverter turns the clone's records into text the sink cannot"
                    + " read back: use JsonConverter (schemas.enable=true) or Avro, or ByteArrayConverter with"
                    + " record.format=copy");
        }
        if (Boolean.TRUE.equals(copyFormat) && !converter.equals(BYTES) && !(converter.equals(JSON) && !schemaless)) {
            return new Problem(VALUE_CONVERTER, "record.format=copy sends raw COPY bytes: use"
                    + " org.apache.kafka.connect.converters.ByteArrayConverter");
        }
        if (Boolean.FALSE.equals(copyFormat) && converter.equals(BYTES)) {
            return new Problem(VALUE_CONVERTER, "typed records are structs, which ByteArrayConverter cannot write: use"
                    + " JsonConverter (schemas.enable=true) or Avro, or record.format=copy");
        }
        if (Boolean.FALSE.equals(copyFormat) && schemaless) {
            return new Problem(VALUE_SCHEMAS, "typed records need their schema to be loaded with their PostgreSQL"
                    + " types: set value.converter.schemas.enable=true, or record.format=copy");
        }
        return null;
    }

    /** For a record that arrived without a schema: most likely the worker's default converter is schemaless. */
    public static String noSchema(Object value) {
        return "it arrived without a schema (as " + (value == null ? "null" : value.getClass().getSimpleName())
                + "): the clone's records need a schemaful value.converter on both connectors (JsonConverter with"
                + " schemas.enable=true, or Avro), which the connector configs should name rather than rely on the"
                + " worker's default";
    }
}
