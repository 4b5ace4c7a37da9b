package io.pgclone.core.mask;

import io.pgclone.core.catalog.ColumnType;
import io.pgclone.core.types.Semantic;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a masked column can hold, read from the catalog (validate, SQL masking) or from a record's field schema (the
 * Mask transform), and which strategies fit it. Text columns take every strategy (a value longer than a bounded
 * column is cut to its length). Other columns take only what keeps the load and the joins working: a bigint or
 * uuid key can be hashed (a pseudonym of the same type, equal wherever the value is equal); numbers take random_int
 * and numeric constants; anything nullable takes null. Everything else is refused before the clone starts.
 *
 * @param kind      the family of the column's type
 * @param maxLength the length limit of a varchar(n)/char(n) column, 0 when none
 * @param padded    char(n): trailing blanks are padding, not data
 * @param nullable  whether the column accepts NULL
 * @param typeName  the exact type, for messages and SQL casts, e.g. {@code character varying(20)}
 */
public record MaskTarget(Kind kind, int maxLength, boolean padded, boolean nullable, String typeName) {
    private static final Pattern LENGTH = Pattern.compile("^(character varying|varchar|character|char|bpchar)\\((\\d+)\\)");

    public enum Kind { TEXT, SMALLINT, INTEGER, BIGINT, NUMBER, UUID, OTHER }

    /** From the catalog: {@code notNull} is the column's NOT NULL. */
    public static MaskTarget of(ColumnType t, boolean notNull) {
        Kind k = t.isArray() ? Kind.OTHER : switch (t.baseName()) {
            case "text", "varchar", "bpchar", "name", "citext" -> Kind.TEXT;
            case "int2" -> Kind.SMALLINT;
            case "int4" -> Kind.INTEGER;
            case "int8" -> Kind.BIGINT;
            case "numeric", "float4", "float8" -> Kind.NUMBER;
            case "uuid" -> Kind.UUID;
            default -> Kind.OTHER;
        };
        int max = 0;
        if (k == Kind.TEXT && (t.baseName().equals("varchar") || t.baseName().equals("bpchar")) && t.typmod() > 4) {
            max = t.typmod() - 4;
        }
        return new MaskTarget(k, max, t.baseName().equals("bpchar"), !notNull, t.formatted());
    }

    /** From a record field's schema (its {@code pgclone.type} parameter, when a pgclone source wrote it). */
    public static MaskTarget of(Schema s) {
        String pgType = s.parameters() == null ? null : s.parameters().get(Semantic.TYPE_PARAM);
        String name = s.name();
        Kind k = switch (s.type()) {
            case STRING -> name == null || (Semantic.TEXT_FORM.equals(name) && pgType != null
                    && (pgType.equals("citext") || pgType.endsWith(".citext"))) ? Kind.TEXT
                    : Semantic.UUID.equals(name) ? Kind.UUID : Semantic.NUMERIC.equals(name) ? Kind.NUMBER : Kind.OTHER;
            case INT16 -> Kind.SMALLINT;
            case INT32 -> name == null ? Kind.INTEGER : Kind.OTHER;
            case INT64 -> name == null ? Kind.BIGINT : Kind.OTHER;
            case FLOAT32, FLOAT64 -> Kind.NUMBER;
            case BYTES -> Decimal.LOGICAL_NAME.equals(name) ? Kind.NUMBER : Kind.OTHER;
            default -> Kind.OTHER;
        };
        int max = 0;
        boolean padded = false;
        if (k == Kind.TEXT && pgType != null) {
            Matcher m = LENGTH.matcher(pgType);
            if (m.find()) {
                max = Integer.parseInt(m.group(2));
                padded = !m.group(1).contains("var");
            }
        }
        return new MaskTarget(k, max, padded, s.isOptional(), pgType != null ? pgType : s.type().getName()
                + (name != null ? " (" + name + ")" : ""));
    }

    /** Why {@code s} cannot mask this column, or null when it can. */
    public String refusal(MaskStrategy s) {
        if (s instanceof MaskStrategy.Null) {
            return nullable ? null : "null cannot mask a NOT NULL column";
        }
        if (kind == Kind.TEXT) {
            return null;
        }
        if (s instanceof MaskStrategy.Hash) {
            if (kind == Kind.BIGINT || kind == Kind.UUID) {
                return null;
            }
            return kind == Kind.SMALLINT || kind == Kind.INTEGER ? "hash gives a pseudonym for text, bigint and uuid"
                    + " columns only: one that fits " + typeName + " would collide (on tables of ~50,000 rows for"
                    + " integer) and break the keys it should keep; use random_int, or hash a bigint copy"
                    : "hash works on text, bigint and uuid columns, not " + typeName;
        }
        if (s instanceof MaskStrategy.RandomInt r) {
            return switch (kind) {
                case SMALLINT -> inRange(r.min(), r.max(), Short.MIN_VALUE, Short.MAX_VALUE);
                case INTEGER -> inRange(r.min(), r.max(), Integer.MIN_VALUE, Integer.MAX_VALUE);
                case BIGINT, NUMBER -> null;
                default -> "random_int needs a text or number column, not " + typeName;
            };
        }
        if (s instanceof MaskStrategy.Constant c) {
            return constantFits(c.value());
        }
        return s.type() + " masks text; " + typeName + " takes null, constant"
                + switch (kind) {
                    case UUID -> " or hash";
                    case BIGINT -> ", random_int or hash";
                    case OTHER -> "";
                    default -> " or random_int";
                };
    }

    private String inRange(long min, long max, long lo, long hi) {
        return min >= lo && max <= hi ? null : "random_int " + min + ".." + max + " does not fit " + typeName
                + " (" + lo + ".." + hi + ")";
    }

    private String constantFits(String v) {
        try {
            switch (kind) {
                case SMALLINT -> Short.parseShort(v);
                case INTEGER -> Integer.parseInt(v);
                case BIGINT -> Long.parseLong(v);
                case NUMBER -> new BigDecimal(v);
                case UUID -> UUID.fromString(v);
                default -> {
                    return "constant works on text, number and uuid columns, not " + typeName;
                }
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "constant '" + v + "' is not a valid " + typeName;
        }
    }
}
