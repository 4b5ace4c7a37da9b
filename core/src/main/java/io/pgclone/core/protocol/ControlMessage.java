package io.pgclone.core.protocol;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgclone.core.ConverterCheck;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record of the control topic: a small Connect struct (type, clone, generation) whose body is JSON, so the
 * protocol can evolve without changing the record schema and works with any converter.
 */
public record ControlMessage(String type, String cloneId, int generation, JsonNode body) {
    public static final String MANIFEST = "manifest";
    /** One catalog object (for now: a table definition). */
    public static final String OBJECT = "object";
    /** All catalog objects of the generation have been sent; the count is in the body. */
    public static final String CATALOG_END = "catalog-end";
    /** A chunk's rows are all in Kafka: table, chunk, attempt, rows. */
    public static final String CHUNK_DONE = "chunk-done";

    /** The protocol's JSON: record components only (never derived getters such as isGenerated()). */
    public static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

    public static final Schema KEY_SCHEMA = Schema.STRING_SCHEMA;
    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("io.pgclone.Control").version(1)
            .field("type", Schema.STRING_SCHEMA)
            .field("clone", Schema.STRING_SCHEMA)
            .field("generation", Schema.INT32_SCHEMA)
            .field("body", Schema.STRING_SCHEMA)
            .build();

    public static Struct toStruct(String type, String clone, int generation, Object body) {
        try {
            return new Struct(VALUE_SCHEMA).put("type", type).put("clone", clone).put("generation", generation)
                    .put("body", JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new DataException("cannot encode control message " + type, e);
        }
    }

    /**
     * The same message as JSON bytes, for connectors whose converter carries bytes only (record.format=copy with
     * ByteArrayConverter): {@code {"type":..., "clone":..., "generation":..., "body":{...}}}.
     */
    public static byte[] toBytes(String type, String clone, int generation, Object body) {
        try {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", type);
            m.put("clone", clone);
            m.put("generation", generation);
            m.put("body", body);
            return JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new DataException("cannot encode control message " + type, e);
        }
    }

    public static ControlMessage fromValue(Object value) {
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            byte[] b = value instanceof byte[] a ? a : bytes((ByteBuffer) value);
            try {
                JsonNode n = JSON.readTree(b);
                return new ControlMessage(n.path("type").asText(), n.path("clone").asText(), n.path("generation").asInt(),
                        n.path("body"));
            } catch (IOException e) {
                throw new DataException("control record bytes are not JSON", e);
            }
        }
        if (value instanceof Map<?, ?> m) { // schemaless JSON: the same fields, without their schema
            try {
                Object generation = m.get("generation");
                return new ControlMessage(String.valueOf(m.get("type")), String.valueOf(m.get("clone")),
                        generation instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(generation)),
                        JSON.readTree(String.valueOf(m.get("body"))));
            } catch (JsonProcessingException | NumberFormatException e) {
                throw new DataException("schemaless control record is not one of pgclone's", e);
            }
        }
        if (!(value instanceof Struct s)) {
            throw new DataException("control record cannot be read: "
                    + ConverterCheck.noSchema(value));
        }
        try {
            return new ControlMessage(s.getString("type"), s.getString("clone"), s.getInt32("generation"),
                    JSON.readTree(s.getString("body")));
        } catch (JsonProcessingException e) {
            throw new DataException("control record body is not JSON", e);
        }
    }

    private static byte[] bytes(ByteBuffer bb) {
        ByteBuffer d = bb.duplicate();
        byte[] a = new byte[d.remaining()];
        d.get(a);
        return a;
    }

    public <T> T bodyAs(Class<T> type) {
        try {
            return JSON.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw new DataException("control message " + this.type + " has an unexpected body", e);
        }
    }
}
