package io.pgclone.core.types;

import io.pgclone.core.catalog.ColumnType;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Chooses, once per column, the Connect schema of a source column and the decoder of its COPY text (see
 * docs/types.md and docs/decisions/0002). Standard Connect types where they are exact, named semantic types where
 * they are not, PostgreSQL's text form for everything else, and a {@link Special} for the values a type cannot hold.
 */
public final class SourceCodecs {
    private static final HexFormat HEX = HexFormat.of();

    private SourceCodecs() {
    }

    /** A column's mapping before parameters: how to build its schema and decode its text. */
    private record Mapping(Supplier<SchemaBuilder> schema, ValueDecoder decoder) {
    }

    public static FieldCodec forColumn(String column, ColumnType type) {
        Mapping m = type.isArray() ? array(type) : scalar(type.baseBuiltin() ? type.baseName() : "", type.typmod());
        Schema schema = m.schema().get().optional().parameter(Semantic.TYPE_PARAM, type.formatted())
                .parameter(Semantic.COLUMN_PARAM, column).build();
        return new FieldCodec(schema, m.decoder());
    }

    /** Types known by name in pg_catalog; "" stands for any other (enums, composites, extension types). */
    private static Mapping scalar(String base, int typmod) {
        return switch (base) {
            case "bool" -> new Mapping(SchemaBuilder::bool, t -> t.equals("t"));
            case "int2" -> new Mapping(SchemaBuilder::int16, Short::valueOf);
            case "int4" -> new Mapping(SchemaBuilder::int32, Integer::valueOf);
            case "int8" -> new Mapping(SchemaBuilder::int64, Long::valueOf);
            case "oid" -> new Mapping(SchemaBuilder::int64, Long::valueOf);
            case "float4" -> new Mapping(SchemaBuilder::float32, t -> {
                float v = Float.parseFloat(t);
                return exactFloat(v) ? (Object) v : new Special(t);
            });
            case "float8" -> new Mapping(SchemaBuilder::float64, t -> {
                double v = Double.parseDouble(t);
                return exactFloat(v) ? (Object) v : new Special(t);
            });
            case "numeric" -> numeric(typmod);
            case "text", "varchar", "bpchar", "name" -> new Mapping(SchemaBuilder::string, t -> t);
            case "bytea" -> new Mapping(SchemaBuilder::bytes, t -> HEX.parseHex(t, 2, t.length()));
            case "date" -> new Mapping(Date::builder, t -> new java.util.Date(PgTemporal.parseDate(t) * 86_400_000L));
            case "timestamp" -> new Mapping(() -> SchemaBuilder.int64().name(Semantic.MICRO_TIMESTAMP),
                    exactOrSpecial(PgTemporal::parseTimestamp));
            case "timestamptz" -> new Mapping(() -> SchemaBuilder.int64().name(Semantic.MICRO_TIMESTAMP_TZ),
                    exactOrSpecial(PgTemporal::parseTimestamp));
            case "time" -> new Mapping(() -> SchemaBuilder.int64().name(Semantic.MICRO_TIME), PgTemporal::parseTime);
            case "uuid" -> new Mapping(() -> SchemaBuilder.string().name(Semantic.UUID), t -> t);
            case "json", "jsonb" -> new Mapping(() -> SchemaBuilder.string().name(Semantic.JSON), t -> t);
            default -> new Mapping(() -> SchemaBuilder.string().name(Semantic.TEXT_FORM), t -> t);
        };
    }

    /** NaN, ±Infinity and -0 do not survive every converter (JsonConverter turns them into 0.0). */
    private static boolean exactFloat(double v) {
        return !Double.isNaN(v) && !Double.isInfinite(v) && !(v == 0 && Double.doubleToRawLongBits(v) != 0);
    }

    private static Mapping numeric(int typmod) {
        if (typmod >= 4) {
            int precision = ((typmod - 4) >> 16) & 0xffff;
            int scale = (((typmod - 4) & 0x7ff) ^ 1024) - 1024; // signed 11 bits since PostgreSQL 15
            if (scale >= 0 && scale <= precision) {
                return new Mapping(() -> Decimal.builder(scale)
                        .parameter("connect.decimal.precision", Integer.toString(precision)), t -> {
                    char c = t.charAt(0);
                    return c == 'N' || c == 'I' || c == '-' && t.charAt(1) == 'I' ? new Special(t) : new BigDecimal(t);
                });
            }
        }
        return new Mapping(() -> SchemaBuilder.string().name(Semantic.NUMERIC), t -> t);
    }

    /** One-dimensional arrays become Connect arrays of the element's mapping; others keep their exact text. */
    private static Mapping array(ColumnType type) {
        String element = type.elementName().contains(".") ? "" : type.elementName();
        if (element.equals("box")) { // the only built-in type whose array delimiter is not a comma
            return scalar("", -1);
        }
        Mapping e = scalar(element, type.typmod());
        ValueDecoder elementDecoder = e.decoder();
        return new Mapping(() -> SchemaBuilder.array(e.schema().get().optional().build()), t -> {
            List<String> parts = PgArrays.parse(t);
            if (parts == null) {
                return new Special(t);
            }
            List<Object> values = new ArrayList<>(parts.size());
            for (String p : parts) {
                Object v = p == null ? null : elementDecoder.decode(p);
                if (v instanceof Special) {
                    return new Special(t);
                }
                values.add(v);
            }
            return values;
        });
    }

    private interface LongParser {
        long parse(String text);
    }

    /** Values beyond what the Connect type holds travel as their exact text in a header. */
    private static ValueDecoder exactOrSpecial(LongParser p) {
        return t -> {
            try {
                return p.parse(t);
            } catch (ArithmeticException | DateTimeException e) {
                return new Special(t);
            }
        };
    }
}
