package io.pgclone.core.types;

import io.pgclone.core.copy.CopyTextWriter;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Chooses, once per field schema, how a Connect value becomes PostgreSQL input text for the target. Driven by the
 * Connect schema (type and semantic name), not by the source type, so records from any producer can be loaded.
 */
public final class CopyEncoders {
    private static final HexFormat HEX = HexFormat.of();

    private CopyEncoders() {
    }

    /** Turns a non-null value into PostgreSQL input text, and writes it into a COPY field. */
    public abstract static class ValueEncoder {
        public abstract String text(Object value);

        public void write(Object value, CopyTextWriter out) {
            out.writeText(text(value));
        }
    }

    /** Text that never needs COPY escaping (digits, signs, ISO dates): written without the escape scan. */
    private static ValueEncoder ascii(Function<Object, String> f) {
        return new ValueEncoder() {
            @Override
            public String text(Object value) {
                return f.apply(value);
            }

            @Override
            public void write(Object value, CopyTextWriter out) {
                out.writeAscii(f.apply(value));
            }
        };
    }

    private static ValueEncoder text(Function<Object, String> f) {
        return new ValueEncoder() {
            @Override
            public String text(Object value) {
                return f.apply(value);
            }
        };
    }

    public static ValueEncoder forSchema(Schema schema) {
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME:
                    return ascii(v -> ((BigDecimal) v).toPlainString());
                case Date.LOGICAL_NAME:
                    return ascii(v -> PgTemporal.formatDate(
                            Math.toIntExact(Math.floorDiv(((java.util.Date) v).getTime(), 86_400_000L))));
                case Timestamp.LOGICAL_NAME:
                    return ascii(v -> PgTemporal.formatTimestamp(((java.util.Date) v).getTime() * 1000L, false));
                case Time.LOGICAL_NAME:
                    return ascii(v -> PgTemporal.formatTime(((java.util.Date) v).getTime() * 1000L));
                case Semantic.MICRO_TIMESTAMP:
                    return ascii(v -> PgTemporal.formatTimestamp((Long) v, false));
                case Semantic.MICRO_TIMESTAMP_TZ:
                    return ascii(v -> PgTemporal.formatTimestamp((Long) v, true));
                case Semantic.MICRO_TIME:
                    return ascii(v -> PgTemporal.formatTime((Long) v));
                default:
                    break;
            }
        }
        return switch (schema.type()) {
            case BOOLEAN -> ascii(v -> (Boolean) v ? "t" : "f");
            case INT8, INT16, INT32, INT64 -> ascii(Object::toString);
            case FLOAT32 -> ascii(v -> Float.toString((Float) v));
            case FLOAT64 -> ascii(v -> Double.toString((Double) v));
            case STRING -> text(v -> (String) v);
            case BYTES -> new ValueEncoder() {
                @Override
                public String text(Object value) {
                    return "\\x" + HEX.formatHex(bytes(value));
                }

                @Override
                public void write(Object value, CopyTextWriter out) {
                    out.writeBytea(bytes(value));
                }
            };
            case ARRAY -> array(forSchema(schema.valueSchema()));
            default -> throw new IllegalArgumentException("no PostgreSQL text for Connect type " + schema.type()
                    + (name != null ? " (" + name + ")" : ""));
        };
    }

    private static ValueEncoder array(ValueEncoder element) {
        return text(v -> {
            List<?> values = (List<?>) v;
            List<String> texts = new ArrayList<>(values.size());
            for (Object e : values) {
                texts.add(e == null ? null : element.text(e));
            }
            return PgArrays.format(texts);
        });
    }

    private static byte[] bytes(Object v) {
        if (v instanceof ByteBuffer bb) {
            ByteBuffer d = bb.duplicate();
            byte[] a = new byte[d.remaining()];
            d.get(a);
            return a;
        }
        return (byte[]) v;
    }
}
