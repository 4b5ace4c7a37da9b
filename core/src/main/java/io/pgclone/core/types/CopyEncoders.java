package io.pgclone.core.types;

import io.pgclone.core.copy.CopyTextWriter;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

import java.math.BigDecimal;
import java.nio.ByteBuffer;

/**
 * Chooses, once per field schema, how a Connect value is written as COPY text for the target. Driven by the
 * Connect schema (type and semantic name), not by the source type, so records from any producer can be loaded.
 */
public final class CopyEncoders {
    private CopyEncoders() {
    }

    /** Writes a non-null value into the current field. */
    @FunctionalInterface
    public interface ValueEncoder {
        void encode(Object value, CopyTextWriter out);
    }

    public static ValueEncoder forSchema(Schema schema) {
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME:
                    return (v, out) -> out.writeAscii(((BigDecimal) v).toPlainString());
                case Date.LOGICAL_NAME:
                    return (v, out) -> out.writeAscii(PgTemporal.formatDate(
                            Math.toIntExact(Math.floorDiv(((java.util.Date) v).getTime(), 86_400_000L))));
                case Timestamp.LOGICAL_NAME:
                    return (v, out) -> out.writeAscii(PgTemporal.formatTimestamp(((java.util.Date) v).getTime() * 1000L, false));
                case Time.LOGICAL_NAME:
                    return (v, out) -> out.writeAscii(PgTemporal.formatTime(((java.util.Date) v).getTime() * 1000L));
                case Semantic.MICRO_TIMESTAMP:
                    return (v, out) -> out.writeAscii(PgTemporal.formatTimestamp((Long) v, false));
                case Semantic.MICRO_TIMESTAMP_TZ:
                    return (v, out) -> out.writeAscii(PgTemporal.formatTimestamp((Long) v, true));
                case Semantic.MICRO_TIME:
                    return (v, out) -> out.writeAscii(PgTemporal.formatTime((Long) v));
                default:
                    break;
            }
        }
        return switch (schema.type()) {
            case BOOLEAN -> (v, out) -> out.writeAscii((Boolean) v ? "t" : "f");
            case INT8, INT16, INT32, INT64 -> (v, out) -> out.writeAscii(v.toString());
            case FLOAT32 -> (v, out) -> out.writeAscii(Float.toString((Float) v));
            case FLOAT64 -> (v, out) -> out.writeAscii(Double.toString((Double) v));
            case STRING -> (v, out) -> out.writeText((String) v);
            case BYTES -> (v, out) -> out.writeBytea(v instanceof ByteBuffer bb ? bytes(bb) : (byte[]) v);
            default -> throw new IllegalArgumentException("no COPY encoding for Connect type " + schema.type()
                    + (name != null ? " (" + name + ")" : ""));
        };
    }

    private static byte[] bytes(ByteBuffer bb) {
        ByteBuffer d = bb.duplicate();
        byte[] a = new byte[d.remaining()];
        d.get(a);
        return a;
    }
}
