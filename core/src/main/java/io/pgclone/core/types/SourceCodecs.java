package io.pgclone.core.types;

import io.pgclone.core.catalog.ColumnType;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

import java.math.BigDecimal;
import java.util.HexFormat;

/**
 * Chooses, once per column, the Connect schema of a source column and the decoder of its COPY text. Standard Connect
 * types where they are lossless, named semantic types where they are not, and PostgreSQL's text form (with the
 * exact type as a parameter) for everything else, so that no value is ever lost or refused.
 */
public final class SourceCodecs {
    private SourceCodecs() {
    }

    public static FieldCodec forColumn(String column, ColumnType type) {
        SchemaBuilder b;
        ValueDecoder d;
        String base = type.baseBuiltin() ? type.baseName() : "";
        switch (base) {
            case "bool" -> {
                b = SchemaBuilder.bool();
                d = t -> t.equals("t");
            }
            case "int2" -> {
                b = SchemaBuilder.int16();
                d = Short::valueOf;
            }
            case "int4" -> {
                b = SchemaBuilder.int32();
                d = Integer::valueOf;
            }
            case "int8" -> {
                b = SchemaBuilder.int64();
                d = Long::valueOf;
            }
            case "float4" -> {
                b = SchemaBuilder.float32();
                d = Float::valueOf;
            }
            case "float8" -> {
                b = SchemaBuilder.float64();
                d = Double::valueOf;
            }
            case "numeric" -> {
                return numeric(column, type);
            }
            case "text", "varchar", "bpchar", "name" -> {
                b = SchemaBuilder.string();
                d = t -> t;
            }
            case "bytea" -> {
                b = SchemaBuilder.bytes();
                HexFormat hex = HexFormat.of();
                d = t -> hex.parseHex(t, 2, t.length()); // "\x..." hex output
            }
            case "date" -> {
                b = Date.builder();
                d = t -> new java.util.Date(PgTemporal.parseDate(t) * 86_400_000L);
            }
            case "timestamp" -> {
                b = SchemaBuilder.int64().name(Semantic.MICRO_TIMESTAMP);
                d = exactOrSpecial(PgTemporal::parseTimestamp);
            }
            case "timestamptz" -> {
                b = SchemaBuilder.int64().name(Semantic.MICRO_TIMESTAMP_TZ);
                d = exactOrSpecial(PgTemporal::parseTimestamp);
            }
            case "time" -> {
                b = SchemaBuilder.int64().name(Semantic.MICRO_TIME);
                d = PgTemporal::parseTime;
            }
            case "uuid" -> {
                b = SchemaBuilder.string().name(Semantic.UUID);
                d = t -> t;
            }
            case "json", "jsonb" -> {
                b = SchemaBuilder.string().name(Semantic.JSON);
                d = t -> t;
            }
            default -> {
                b = SchemaBuilder.string().name(Semantic.TEXT_FORM);
                d = t -> t;
            }
        }
        return new FieldCodec(finish(b, column, type), d);
    }

    private static FieldCodec numeric(String column, ColumnType type) {
        int typmod = type.typmod();
        if (typmod >= 4) {
            int precision = ((typmod - 4) >> 16) & 0xffff;
            int scale = ((((typmod - 4) & 0x7ff) ^ 1024) - 1024); // signed 11 bits since PostgreSQL 15
            if (scale >= 0 && scale <= precision) {
                SchemaBuilder b = Decimal.builder(scale).parameter("connect.decimal.precision", Integer.toString(precision));
                ValueDecoder d = t -> {
                    char c = t.charAt(0);
                    if (c == 'N' || c == 'I' || (c == '-' && t.charAt(1) == 'I')) {
                        return new Special(t); // NaN, Infinity
                    }
                    return new BigDecimal(t);
                };
                return new FieldCodec(finish(b, column, type), d);
            }
        }
        SchemaBuilder b = SchemaBuilder.string().name(Semantic.NUMERIC);
        return new FieldCodec(finish(b, column, type), t -> t);
    }

    private interface LongParser {
        long parse(String text);
    }

    /** Values beyond what the Connect type holds travel as their exact text in a header. */
    private static ValueDecoder exactOrSpecial(LongParser p) {
        return t -> {
            try {
                return p.parse(t);
            } catch (ArithmeticException | java.time.DateTimeException e) {
                return new Special(t);
            }
        };
    }

    private static Schema finish(SchemaBuilder b, String column, ColumnType type) {
        return b.optional().parameter(Semantic.TYPE_PARAM, type.formatted()).parameter(Semantic.COLUMN_PARAM, column).build();
    }
}
