package io.pgclone.transforms;

import io.pgclone.core.Version;
import io.pgclone.core.types.Special;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps only the {@code include} columns, or drops the {@code exclude} ones, from the record value and key (a key
 * left without fields becomes null). The pgclone sink does not create a column that no longer arrives, and leaves
 * out the indexes and constraints that need it, with a warning. Scope it to some tables with a predicate, e.g.
 * {@code TopicNameMatches}; the source connector's {@code table.options} columns setting does the same without
 * reading the columns at all.
 */
public class ColumnFilter<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {
    public static final String INCLUDE_CONFIG = "include";
    public static final String EXCLUDE_CONFIG = "exclude";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(INCLUDE_CONFIG, ConfigDef.Type.LIST, List.of(), ConfigDef.Importance.HIGH,
                    "Columns to keep (comma-separated); every other column is dropped. Set this or exclude.")
            .define(EXCLUDE_CONFIG, ConfigDef.Type.LIST, List.of(), ConfigDef.Importance.HIGH,
                    "Columns to drop (comma-separated). Set this or include.");

    private Set<String> include;
    private Set<String> exclude;
    /** Input schema to output schema (null: nothing left). */
    private final Map<Schema, Schema> schemas = new HashMap<>();

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig c = new AbstractConfig(CONFIG_DEF, props);
        include = new HashSet<>(c.getList(INCLUDE_CONFIG));
        exclude = new HashSet<>(c.getList(EXCLUDE_CONFIG));
        if (include.isEmpty() == exclude.isEmpty()) {
            throw new ConfigException(INCLUDE_CONFIG, String.join(",", include), "set exactly one of include and exclude");
        }
    }

    private boolean keeps(Field f) {
        String column = Fields.column(f);
        return include.isEmpty() ? !exclude.contains(column) : include.contains(column);
    }

    @Override
    public R apply(R record) {
        if (!Fields.isRow(record)) {
            return record;
        }
        Struct value = (Struct) record.value();
        Schema valueSchema = schemas.computeIfAbsent(value.schema(), this::narrow);
        if (valueSchema == value.schema()) {
            return record;
        }
        if (valueSchema == null) {
            throw new DataException("ColumnFilter leaves no column of the records of "
                    + record.topic() + ": keep at least one");
        }
        Object key = record.key();
        Schema keySchema = record.keySchema();
        if (key instanceof Struct k) {
            keySchema = schemas.computeIfAbsent(k.schema(), this::narrow);
            key = keySchema == null ? null : copy(k, keySchema);
        }
        Headers headers = Special.without(record.headers(),
                value.schema().fields().stream().filter(f -> !keeps(f)).map(Fields::column).toList());
        return record.newRecord(record.topic(), record.kafkaPartition(), keySchema, key, valueSchema,
                copy(value, valueSchema), record.timestamp(), headers);
    }

    /** The schema without the dropped fields (the same instance when nothing is dropped; null when nothing is left). */
    private Schema narrow(Schema s) {
        if (s.fields().stream().allMatch(this::keeps)) {
            return s;
        }
        SchemaBuilder b = SchemaBuilder.struct().name(s.name()).version(s.version()).doc(s.doc());
        if (s.parameters() != null) {
            b.parameters(s.parameters());
        }
        if (s.isOptional()) {
            b.optional();
        }
        int kept = 0;
        for (Field f : s.fields()) {
            if (keeps(f)) {
                b.field(f.name(), f.schema());
                kept++;
            }
        }
        return kept == 0 ? null : b.build();
    }

    private static Struct copy(Struct in, Schema to) {
        Struct out = new Struct(to);
        for (Field f : to.fields()) {
            out.put(f.name(), in.get(f.name()));
        }
        return out;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        schemas.clear();
    }

    @Override
    public String version() {
        return Version.get();
    }
}
