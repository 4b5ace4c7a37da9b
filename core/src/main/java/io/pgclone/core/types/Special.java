package io.pgclone.core.types;

import org.apache.kafka.connect.header.Headers;

/**
 * A source value the field's Connect type cannot hold (NaN in a Decimal column). The field carries null and the
 * exact text travels in a record header {@code pgclone.special.<column>}, which the sink writes instead.
 */
public record Special(String text) {
    public static final String HEADER_PREFIX = "pgclone.special.";
    /**
     * Header values start with this, so that no header converter reads them as something else (Kafka's
     * SimpleHeaderConverter turns a header "-0" into the number 0, "{1,2}" into a list).
     */
    public static final String VALUE_PREFIX = "text:";

    public String headerValue() {
        return VALUE_PREFIX + text;
    }

    /** The header carrying a column's special value. */
    public static String header(String column) {
        return HEADER_PREFIX + column;
    }

    /**
     * A copy of a record's headers without the special values of {@code columns} (masked or dropped by a
     * transform): the record's own headers may be shared with the original record, so they are never changed.
     */
    public static Headers without(Headers headers, Iterable<String> columns) {
        Headers copy = headers.duplicate();
        for (String column : columns) {
            copy.remove(header(column));
        }
        return copy;
    }

    /** The exact text from a header value, or null when it is not one of ours. */
    public static String fromHeaderValue(Object value) {
        String s = value == null ? null : value.toString();
        return s != null && s.startsWith(VALUE_PREFIX) ? s.substring(VALUE_PREFIX.length()) : null;
    }
}
