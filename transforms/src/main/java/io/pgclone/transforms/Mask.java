package io.pgclone.transforms;

import io.pgclone.core.Version;
import io.pgclone.core.mask.ColumnMask;
import io.pgclone.core.mask.HashKey;
import io.pgclone.core.mask.MaskOptions;
import io.pgclone.core.mask.MaskStrategy;
import io.pgclone.core.mask.MaskTarget;
import io.pgclone.core.mask.MaskValidators;
import io.pgclone.core.types.Special;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.components.Versioned;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Masks columns with pgclone's strategies, in the record key and value alike (a key column is data too). Configured
 * on the source connector, so no original value of a masked column reaches Kafka; the special-value header of a
 * masked column is dropped as well. The masked value keeps the field's type: see {@link MaskTarget} for what each
 * column type accepts; a mismatch fails the record with the column named (the source connector's validate reports
 * it before anything runs).
 */
public class Mask<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {
    public static final String MASK_CONFIG = "mask";
    public static final String MASKS_CONFIG = "masks";
    public static final String HASH_KEY_CONFIG = "hash.key";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(MASK_CONFIG, ConfigDef.Type.STRING, "", MaskValidators.json(false), ConfigDef.Importance.HIGH,
                    "pgclone's mask option, for every table: a JSON object of column: strategy, e.g."
                            + " {\"email\": \"email\", \"salary\": {\"type\": \"random_int\", \"min\": 1, \"max\": 9}}."
                            + " Strategies: email, name, phone (keep_last), partial (prefix, suffix), hash, null,"
                            + " random_int (min, max), constant (value).")
            .define(MASKS_CONFIG, ConfigDef.Type.STRING, "", MaskValidators.json(true), ConfigDef.Importance.HIGH,
                    "Masks by table, as 'pgclone discover' prints them: {\"table\": {column: strategy}}. A bare table"
                            + " name applies in every schema; schema.table in that one only. Table masks add to,"
                            + " and override, the mask setting.")
            .define(HASH_KEY_CONFIG, ConfigDef.Type.PASSWORD, null, MaskValidators.hashKey(), ConfigDef.Importance.MEDIUM,
                    "Secret key of the hash strategy: with it, hash is HMAC-SHA256 (first 32 hex characters), which a"
                            + " dictionary of likely values cannot reverse; equal values still hash equal everywhere"
                            + " the same key is used. Use a config provider, e.g. ${file:/etc/pgclone/secrets.properties:mask.key}."
                            + " An empty key, or a reference the worker left unresolved (no such provider, or no"
                            + " such key in the file), is refused. Without it, hash is pgclone's MD5.");

    private Map<String, MaskStrategy> all;
    private Map<String, Map<String, MaskStrategy>> byTable;
    /** Per topic: the columns to mask (all merged with the table's own). */
    private final Map<String, Map<String, MaskStrategy>> byTopic = new HashMap<>();
    /** Per topic and struct schema: field name to the mask fitted to its type. */
    private final Map<String, Map<Schema, Map<String, ColumnMask>>> fitted = new HashMap<>();

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig c = new AbstractConfig(CONFIG_DEF, props);
        Password secret = c.getPassword(HASH_KEY_CONFIG);
        HashKey key;
        try {
            key = HashKey.fromSetting(HASH_KEY_CONFIG, secret == null ? null : secret.value());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        String mask = c.getString(MASK_CONFIG);
        String masks = c.getString(MASKS_CONFIG);
        if (mask.isBlank() && masks.isBlank()) {
            throw new ConfigException(MASK_CONFIG, "", "set mask or masks: there is nothing to mask");
        }
        all = mask.isBlank() ? Map.of() : MaskOptions.parse(mask, key);
        byTable = masks.isBlank() ? Map.of() : MaskOptions.parseByTable(masks, key);
    }

    @Override
    public R apply(R record) {
        if (!Fields.isRow(record)) {
            return record;
        }
        Map<String, MaskStrategy> masks = masksOf(record.topic());
        if (masks.isEmpty()) {
            return record;
        }
        Struct value = mask((Struct) record.value(), masks, record.topic());
        Object key = record.key() instanceof Struct k ? mask(k, masks, record.topic()) : record.key();
        Headers headers = Special.without(record.headers(), masks.keySet());
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), key, record.valueSchema(),
                value, record.timestamp(), headers);
    }

    private Map<String, MaskStrategy> masksOf(String topic) {
        return byTopic.computeIfAbsent(topic, t -> {
            Map<String, MaskStrategy> m = new LinkedHashMap<>(all);
            byTable.forEach((table, cols) -> {
                if (TableNames.matches(table, t)) {
                    m.putAll(cols);
                }
            });
            return m;
        });
    }

    private Struct mask(Struct in, Map<String, MaskStrategy> masks, String topic) {
        Schema schema = in.schema();
        Map<String, ColumnMask> fit = fitted.computeIfAbsent(topic, t -> new HashMap<>())
                .computeIfAbsent(schema, s -> fit(s, masks, topic));
        if (fit.isEmpty()) {
            return in;
        }
        Struct out = new Struct(schema);
        for (Field f : schema.fields()) {
            ColumnMask m = fit.get(f.name());
            Object v = in.get(f);
            out.put(f, m == null ? v : m.apply(v, f.schema()));
        }
        return out;
    }

    private static Map<String, ColumnMask> fit(Schema s, Map<String, MaskStrategy> masks, String topic) {
        Map<String, ColumnMask> out = new HashMap<>();
        for (Field f : s.fields()) {
            MaskStrategy strategy = masks.get(Fields.column(f));
            if (strategy != null) {
                try {
                    out.put(f.name(), new ColumnMask(Fields.column(f), strategy, MaskTarget.of(f.schema())));
                } catch (IllegalArgumentException e) {
                    throw new DataException("Mask on topic " + topic + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        byTopic.clear();
        fitted.clear();
    }

    @Override
    public String version() {
        return Version.get();
    }
}
