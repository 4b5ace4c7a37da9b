package io.pgclone.core.mask;

import io.pgclone.core.types.Semantic;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static io.pgclone.core.sql.Identifiers.quote;

/**
 * A strategy applied to one column of a known type: to a Connect value (the Mask transform) or as a SQL expression
 * of the column's own type (mask-in-place, masking views). Built only for a fitting pair (see
 * {@link MaskTarget#refusal}).
 */
public record ColumnMask(String column, MaskStrategy strategy, MaskTarget target) {

    public ColumnMask {
        String why = target.refusal(strategy);
        if (why != null) {
            throw new IllegalArgumentException("column " + column + " (" + target.typeName() + "): " + why);
        }
    }

    /** The masked value of a record field whose schema is {@code s}. */
    public Object apply(Object value, Schema s) {
        if (value == null && !strategy.fillsNull()) {
            return null;
        }
        if (strategy instanceof MaskStrategy.Null) {
            return null;
        }
        return switch (target.kind()) {
            case TEXT -> fit(strategy.maskText(value == null ? null : unpad((String) value)));
            case BIGINT -> strategy instanceof MaskStrategy.Hash h ? (Object) h.maskLong((Long) value) : number(s);
            case UUID -> strategy instanceof MaskStrategy.Hash h ? h.maskUuid((String) value) : constantText();
            default -> number(s);
        };
    }

    /** A SQL expression of the column's type giving the masked value, over the column of the row being read. */
    public String sql() {
        String col = quote(column);
        if (strategy instanceof MaskStrategy.Null) {
            return "CAST(NULL AS " + target.typeName() + ")";
        }
        String e = switch (target.kind()) {
            case TEXT -> {
                String text = strategy.textSql("CAST(" + col + " AS text)");
                yield target.maxLength() > 0 ? "left(" + text + ", " + target.maxLength() + ")" : text;
            }
            case BIGINT -> strategy instanceof MaskStrategy.Hash h ? h.longSql(col) : numberSql();
            case UUID -> strategy instanceof MaskStrategy.Hash h ? h.uuidSql(col) : numberSql();
            default -> numberSql();
        };
        return "CAST(" + e + " AS " + target.typeName() + ")";
    }

    private String numberSql() {
        return strategy instanceof MaskStrategy.RandomInt r ? r.numberSql() : strategy.textSql(null);
    }

    private String unpad(String v) {
        return target.padded() ? v.stripTrailing() : v;
    }

    /** Cut to a bounded column's length, in characters. */
    private String fit(String v) {
        int max = target.maxLength();
        if (v == null || max == 0 || v.codePointCount(0, v.length()) <= max) {
            return v;
        }
        return v.substring(0, v.offsetByCodePoints(0, max));
    }

    private String constantText() {
        return ((MaskStrategy.Constant) strategy).value();
    }

    /** random_int or a numeric constant, as the field's Connect type. */
    private Object number(Schema s) {
        String text = strategy.maskText(null);
        return switch (s.type()) {
            case INT16 -> Short.parseShort(text);
            case INT32 -> Integer.parseInt(text);
            case INT64 -> Long.parseLong(text);
            case FLOAT32 -> Float.parseFloat(text);
            case FLOAT64 -> Double.parseDouble(text);
            case BYTES -> Decimal.LOGICAL_NAME.equals(s.name())
                    ? new BigDecimal(text).setScale(Integer.parseInt(s.parameters().get(Decimal.SCALE_FIELD)),
                    RoundingMode.HALF_EVEN) : text;
            default -> Semantic.NUMERIC.equals(s.name()) ? new BigDecimal(text).toPlainString() : text;
        };
    }
}
