package io.pgclone.transforms.where;

import io.pgclone.core.types.Semantic;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed {@code where} expression, evaluated per record with SQL's three-valued logic: a comparison with NULL is
 * unknown (null), and a record is kept only when the whole expression is TRUE. Values compare by the field's
 * meaning: numbers as numbers, dates and timestamps as points in time (a literal such as '2024-05-01' is read as
 * the field's type), text by code point (not by a collation).
 */
public sealed interface Expression {
    /** The NULL literal. */
    Object NULL = new Object() {
        @Override
        public String toString() {
            return "NULL";
        }
    };
    Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "IS", "NULL", "IN", "LIKE", "BETWEEN", "TRUE", "FALSE");

    /** The values of one record's columns. */
    interface Row {
        /** The value, or null; {@link DataException} when the record has no such column. */
        Object value(String column);

        Schema schema(String column);
    }

    /** TRUE, FALSE or null (unknown) for a condition; the value for an operand. */
    Object eval(Row row);

    /** The columns it reads. */
    default void columns(Set<String> out) {
    }

    record Or(Expression a, Expression b) implements Expression {
        public Object eval(Row row) {
            Boolean x = bool(a.eval(row));
            if (Boolean.TRUE.equals(x)) {
                return true;
            }
            Boolean y = bool(b.eval(row));
            return Boolean.TRUE.equals(y) ? Boolean.TRUE : x == null || y == null ? null : Boolean.FALSE;
        }

        public void columns(Set<String> out) {
            a.columns(out);
            b.columns(out);
        }
    }

    record And(Expression a, Expression b) implements Expression {
        public Object eval(Row row) {
            Boolean x = bool(a.eval(row));
            if (Boolean.FALSE.equals(x)) {
                return false;
            }
            Boolean y = bool(b.eval(row));
            return Boolean.FALSE.equals(y) ? Boolean.FALSE : x == null || y == null ? null : Boolean.TRUE;
        }

        public void columns(Set<String> out) {
            a.columns(out);
            b.columns(out);
        }
    }

    record Not(Expression e) implements Expression {
        public Object eval(Row row) {
            Boolean x = bool(e.eval(row));
            return x == null ? null : !x;
        }

        public void columns(Set<String> out) {
            e.columns(out);
        }
    }

    record Compare(String op, Expression left, Expression right) implements Expression {
        public Object eval(Row row) {
            Object l = left.eval(row);
            Object r = right.eval(row);
            if (l == null || r == null || l == NULL || r == NULL) {
                return null;
            }
            int c = compare(l, left, r, right, row);
            return switch (op) {
                case "=" -> c == 0;
                case "<>" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
            };
        }

        public void columns(Set<String> out) {
            left.columns(out);
            right.columns(out);
        }
    }

    record IsNull(Expression e, boolean negated) implements Expression {
        public Object eval(Row row) {
            Object v = e.eval(row);
            boolean isNull = v == null || v == NULL;
            return negated != isNull;
        }

        public void columns(Set<String> out) {
            e.columns(out);
        }
    }

    record In(Expression e, List<Object> values) implements Expression {
        public Object eval(Row row) {
            Object v = e.eval(row);
            if (v == null) {
                return null;
            }
            boolean sawNull = false;
            for (Object candidate : values) {
                if (candidate == NULL) {
                    sawNull = true;
                } else if (compare(v, e, candidate, new Literal(candidate), row) == 0) {
                    return true;
                }
            }
            return sawNull ? null : Boolean.FALSE;
        }

        public void columns(Set<String> out) {
            e.columns(out);
        }
    }

    /** SQL LIKE: {@code %} any run, {@code _} one character, backslash escapes the next one. */
    record Like(Expression e, String pattern, Pattern regex) implements Expression {
        static Like of(Expression e, String pattern) {
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\\' && i + 1 < pattern.length()) {
                    re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                } else if (c == '%') {
                    re.append(".*");
                } else if (c == '_') {
                    re.append('.');
                } else {
                    re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return new Like(e, pattern, Pattern.compile(re.toString(), Pattern.DOTALL));
        }

        public Object eval(Row row) {
            Object v = e.eval(row);
            if (v == null) {
                return null;
            }
            if (!(v instanceof String s)) {
                throw new DataException("LIKE needs a text value, not " + v.getClass().getSimpleName());
            }
            return regex.matcher(s).matches();
        }

        public void columns(Set<String> out) {
            e.columns(out);
        }
    }

    record Column(String name) implements Expression {
        public Object eval(Row row) {
            return row.value(name);
        }

        public void columns(Set<String> out) {
            out.add(name);
        }
    }

    record Literal(Object value) implements Expression {
        public Object eval(Row row) {
            return value;
        }
    }

    // ------------------------------------------------------------------ comparison

    private static Boolean bool(Object v) {
        if (v == null || v == NULL) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new DataException("a condition must be true or false, not " + v);
    }

    /** Orders two non-null values, reading a literal as the type of the column it meets. */
    private static int compare(Object l, Expression le, Object r, Expression re, Row row) {
        Schema ls = le instanceof Column c ? row.schema(c.name()) : null;
        Schema rs = re instanceof Column c ? row.schema(c.name()) : null;
        Object a = comparable(l, ls != null ? ls : rs);
        Object b = comparable(r, rs != null ? rs : ls);
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a instanceof Double || b instanceof Double) { // NaN and infinities: above every number, as in PostgreSQL
            return Double.compare(toDouble(a), toDouble(b));
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable) {
            @SuppressWarnings("unchecked")
            Comparable<Object> ca = (Comparable<Object>) a;
            return ca.compareTo(b);
        }
        throw new DataException("cannot compare " + describe(le, l) + " with " + describe(re, r));
    }

    private static String describe(Expression e, Object v) {
        return e instanceof Column c ? "column " + c.name() : "'" + v + "'";
    }

    private static double toDouble(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        throw new DataException("cannot compare " + o + " with a number");
    }

    /** A value in a comparable form, as the schema {@code s} (of this value, or of the column it is compared to) means it. */
    private static Object comparable(Object v, Schema s) {
        String name = s == null ? null : s.name();
        if (v instanceof Double d && (d.isNaN() || d.isInfinite()) || v instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof BigDecimal || v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof Byte || v instanceof Double || v instanceof Float) {
            if (v instanceof Long micros && name != null) {
                return temporal(micros, name);
            }
            return v instanceof BigDecimal bd ? bd : new BigDecimal(v.toString());
        }
        if (v instanceof java.util.Date d) {
            return Date.LOGICAL_NAME.equals(name) ? LocalDate.ofEpochDay(Math.floorDiv(d.getTime(), 86_400_000L))
                    : d.toInstant();
        }
        if (v instanceof String str && s != null) {
            try {
                if (Semantic.NUMERIC.equals(name) || isNumber(s)) {
                    return str.equals("NaN") || str.endsWith("Infinity") ? Double.parseDouble(str) : new BigDecimal(str);
                }
                if (Date.LOGICAL_NAME.equals(name)) {
                    return LocalDate.parse(str);
                }
                if (Semantic.MICRO_TIMESTAMP.equals(name)) {
                    return localDateTime(str);
                }
                if (Semantic.MICRO_TIMESTAMP_TZ.equals(name) || Timestamp.LOGICAL_NAME.equals(name)) {
                    return instant(str);
                }
                if (Semantic.MICRO_TIME.equals(name)) {
                    return LocalTime.parse(str);
                }
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new DataException("'" + str + "' is not a valid value of " + (name != null ? name : s.type()));
            }
        }
        return v;
    }

    private static boolean isNumber(Schema s) {
        return switch (s.type()) {
            case INT8, INT16, INT32, INT64, FLOAT32, FLOAT64 -> s.name() == null;
            default -> false;
        };
    }

    private static Object temporal(long micros, String name) {
        if (name.equals(Semantic.MICRO_TIMESTAMP)) {
            return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
        }
        if (name.equals(Semantic.MICRO_TIMESTAMP_TZ)) {
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
        }
        if (name.equals(Semantic.MICRO_TIME)) {
            return LocalTime.ofNanoOfDay(Math.min(micros, 86_399_999_999L) * 1000);
        }
        return new BigDecimal(micros);
    }

    private static LocalDateTime localDateTime(String s) {
        String t = s.strip().replace(' ', 'T');
        return t.length() == 10 ? LocalDate.parse(t).atStartOfDay() : LocalDateTime.parse(t);
    }

    private static Instant instant(String s) {
        String t = s.strip().replace(' ', 'T');
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC); // no offset: UTC
        }
    }
}
