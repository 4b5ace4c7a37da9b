package io.pgclone.transforms;

import io.pgclone.core.Version;
import io.pgclone.transforms.where.Expression;
import io.pgclone.transforms.where.Parser;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the records whose value satisfies a {@code where} expression (comparisons, AND/OR/NOT, IN, IS [NOT] NULL,
 * LIKE, BETWEEN, literals), parsed once when configured; a syntax error is a configuration error. Records where it
 * is false or unknown (NULL) are dropped; the pgclone source counts only what reached Kafka. Scope it to a table with
 * a predicate ({@code TopicNameMatches}): a record lacking a column of the expression fails with the column named.
 * The source connector's {@code table.options} where does the same in SQL, without reading the dropped rows.
 */
public class RowFilter<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {
    public static final String WHERE_CONFIG = "where";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(WHERE_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, (name, value) -> {
                if (value == null || ((String) value).isBlank()) {
                    throw new ConfigException(name, value, "an expression is required");
                }
                try {
                    Parser.parse((String) value);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }, ConfigDef.Importance.HIGH, "The condition a record's value must meet, in SQL syntax, e.g."
                    + " country IN ('DE', 'FR') AND (closed_at IS NULL OR closed_at > '2024-01-01').");

    private Expression where;
    /** Per value schema: column name to field. */
    private final Map<Schema, Map<String, Field>> fields = new HashMap<>();

    @Override
    public void configure(Map<String, ?> props) {
        where = Parser.parse(new AbstractConfig(CONFIG_DEF, props).getString(WHERE_CONFIG));
    }

    @Override
    public R apply(R record) {
        if (!Fields.isRow(record)) {
            return record;
        }
        Struct value = (Struct) record.value();
        Map<String, Field> byColumn = fields.computeIfAbsent(value.schema(), s -> {
            Map<String, Field> m = new HashMap<>();
            s.fields().forEach(f -> m.put(Fields.column(f), f));
            return m;
        });
        Object keep = where.eval(new Expression.Row() {
            public Object value(String column) {
                return value.get(field(column));
            }

            public Schema schema(String column) {
                return field(column).schema();
            }

            private Field field(String column) {
                Field f = byColumn.get(column);
                if (f == null) {
                    throw new DataException("RowFilter: the records of " + record.topic() + " have no column " + column
                            + " (scope the transform to the right topics with a predicate)");
                }
                return f;
            }
        });
        return Boolean.TRUE.equals(keep) ? record : null;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        fields.clear();
    }

    @Override
    public String version() {
        return Version.get();
    }
}
