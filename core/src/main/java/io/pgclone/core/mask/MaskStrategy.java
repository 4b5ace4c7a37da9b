package io.pgclone.core.mask;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.pgclone.core.sql.Identifiers.literal;

/**
 * One masking strategy of pgclone, defined once: {@link #maskText} is what the Mask transform does to a text
 * value, {@link #textSql} the same mask as a SQL expression (for mask-in-place and masking views). A test runs
 * both over the same inputs on a real server and compares. Lengths count characters (code points), as SQL does.
 */
public sealed interface MaskStrategy {

    /** The strategy's pgclone name. */
    String type();

    /** Masks a text value. NULL stays NULL unless {@link #fillsNull()}. */
    String maskText(String value);

    /** The same mask over the SQL text expression {@code e} (an expression of type text). */
    String textSql(String e);

    /** Whether a NULL input gets a value too (random_int, constant). */
    default boolean fillsNull() {
        return false;
    }

    /** The strategy as pgclone's JSON option: a bare name or an object with its parameters. */
    default Object toJson() {
        return type();
    }

    /** {@code a***@example.com}: first character of the local part, {@code ***@}, the domain; no @ gives {@code ***}. */
    record Email() implements MaskStrategy {
        public String type() {
            return "email";
        }

        public String maskText(String v) {
            if (v == null) {
                return null;
            }
            int at = v.indexOf('@');
            if (at < 0) {
                return "***";
            }
            String first = at == 0 ? "" : v.substring(0, Character.charCount(v.codePointAt(0)));
            return first + "***@" + v.substring(at + 1);
        }

        public String textSql(String e) {
            return "CASE WHEN strpos(" + e + ", '@') = 0 THEN '***' ELSE left(" + e + ", least(1, strpos(" + e
                    + ", '@') - 1)) || '***@' || substr(" + e + ", strpos(" + e + ", '@') + 1) END";
        }
    }

    /** {@code XXXX}. */
    record Name() implements MaskStrategy {
        public String type() {
            return "name";
        }

        public String maskText(String v) {
            return v == null ? null : "XXXX";
        }

        public String textSql(String e) {
            return "CASE WHEN " + e + " IS NULL THEN NULL ELSE 'XXXX' END";
        }
    }

    /**
     * Every ASCII digit becomes {@code X}, punctuation stays; {@code keepLast} keeps that many trailing digits.
     * The same regular expression (a digit followed by at least keepLast more) runs in Java and in PostgreSQL.
     */
    record Phone(int keepLast) implements MaskStrategy {
        public Phone {
            if (keepLast < 0) {
                throw new IllegalArgumentException("keep_last must be 0 or more, not " + keepLast);
            }
        }

        private String regex() {
            return keepLast == 0 ? "[0-9]" : "[0-9](?=(?:[^0-9]*[0-9]){" + keepLast + "})";
        }

        public String type() {
            return "phone";
        }

        public String maskText(String v) {
            return v == null ? null : PhonePatterns.of(keepLast, regex()).matcher(v).replaceAll("X");
        }

        public String textSql(String e) {
            return "regexp_replace(" + e + ", " + literal(regex()) + ", 'X', 'g')";
        }

        public Object toJson() {
            return keepLast == 0 ? type() : params(type(), "keep_last", keepLast);
        }
    }

    /** Keeps {@code prefix} first and {@code suffix} last characters with {@code ***} between; short values become all {@code *}. */
    record Partial(int prefix, int suffix) implements MaskStrategy {
        public Partial {
            if (prefix < 0 || suffix < 0) {
                throw new IllegalArgumentException("prefix and suffix must be 0 or more, not " + prefix + " and " + suffix);
            }
        }

        public String type() {
            return "partial";
        }

        public String maskText(String v) {
            if (v == null) {
                return null;
            }
            int n = v.codePointCount(0, v.length());
            if (n <= prefix + suffix) {
                return "*".repeat(n);
            }
            return v.substring(0, v.offsetByCodePoints(0, prefix)) + "***" + v.substring(v.offsetByCodePoints(0, n - suffix));
        }

        public String textSql(String e) {
            return "CASE WHEN length(" + e + ") <= " + (prefix + suffix) + " THEN repeat('*', length(" + e + "))"
                    + " ELSE left(" + e + ", " + prefix + ") || '***' || right(" + e + ", " + suffix + ") END";
        }

        public Object toJson() {
            return params(type(), "prefix", prefix, "suffix", suffix);
        }
    }

    /**
     * A pseudonym: lowercase hex MD5 of the text (32 characters), or with a key, the first 32 hex characters of its
     * HMAC-SHA256, which a dictionary cannot reverse. Deterministic, so equal values stay equal across tables.
     */
    record Hash(HashKey key) implements MaskStrategy {
        public Hash() {
            this(HashKey.NONE);
        }

        public String type() {
            return "hash";
        }

        public String maskText(String v) {
            return v == null ? null : key.hex(v);
        }

        public String textSql(String e) {
            return key.hexSql(e);
        }

        /** A bigint pseudonym: the digest's first 63 bits, so foreign keys between bigint columns still join. */
        public long maskLong(long v) {
            return Long.parseUnsignedLong(key.hex(Long.toString(v)).substring(0, 16), 16) & Long.MAX_VALUE;
        }

        public String longSql(String e) {
            return "(('x' || left(" + key.hexSql(e + "::text") + ", 16))::bit(64)::bigint & 9223372036854775807)";
        }

        /** A uuid pseudonym: the 32 hex characters read as a uuid. */
        public String maskUuid(String v) {
            String h = key.hex(v);
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                    + "-" + h.substring(20, 32);
        }

        public String uuidSql(String e) {
            return "(" + key.hexSql(e + "::text") + ")::uuid";
        }
    }

    /** NULL, always. */
    record Null() implements MaskStrategy {
        public String type() {
            return "null";
        }

        public String maskText(String v) {
            return null;
        }

        public String textSql(String e) {
            return "NULL";
        }
    }

    /** A uniform integer in [min, max]; NULL input gets one too. */
    record RandomInt(long min, long max) implements MaskStrategy {
        public static final long DEFAULT_MIN = 0;
        public static final long DEFAULT_MAX = 99_999;

        public RandomInt {
            if (min > max) { // pgclone swaps inverted bounds
                long t = min;
                min = max;
                max = t;
            }
            if (max == Long.MAX_VALUE) {
                throw new IllegalArgumentException("max must be below " + Long.MAX_VALUE);
            }
        }

        public String type() {
            return "random_int";
        }

        public long next() {
            return ThreadLocalRandom.current().nextLong(min, max + 1);
        }

        public String maskText(String v) {
            return Long.toString(next());
        }

        public String textSql(String e) {
            return "(" + numberSql() + ")::text";
        }

        /** A bigint in [min, max]; numeric arithmetic, so wide ranges do not overflow. */
        public String numberSql() {
            return "(floor(random() * (" + max + "::numeric - " + min + " + 1)) + " + min + ")::bigint";
        }

        public boolean fillsNull() {
            return true;
        }

        public Object toJson() {
            return params(type(), "min", min, "max", max);
        }
    }

    /** A fixed value (text or number); NULL input gets it too. */
    record Constant(String value, boolean numeric) implements MaskStrategy {
        public String type() {
            return "constant";
        }

        public String maskText(String v) {
            return value;
        }

        public String textSql(String e) {
            return literal(value);
        }

        public boolean fillsNull() {
            return true;
        }

        public Object toJson() {
            return params(type(), "value", numeric ? new BigDecimal(value) : value);
        }
    }

    private static Map<String, Object> params(String type, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
