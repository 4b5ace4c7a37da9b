package io.pgclone.core.types;

/**
 * Names of the semantic types this project puts on Connect schemas, and the schema parameters it sets.
 * See docs/types.md for the full mapping.
 */
public final class Semantic {
    /** Schema parameter: the exact source type, {@code format_type()} text, e.g. {@code numeric(12,2)}. */
    public static final String TYPE_PARAM = "pgclone.type";
    /** Schema parameter: the column name as on the source (field names may be sanitized for Avro). */
    public static final String COLUMN_PARAM = "pgclone.column";

    /** INT64 microseconds since 1970-01-01 00:00, no time zone ({@code timestamp}); ±infinity = Long.MAX/MIN. */
    public static final String MICRO_TIMESTAMP = "io.pgclone.time.MicroTimestamp";
    /** INT64 microseconds since the epoch, an instant ({@code timestamptz}); ±infinity = Long.MAX/MIN. */
    public static final String MICRO_TIMESTAMP_TZ = "io.pgclone.time.MicroTimestampTz";
    /** INT64 microseconds since midnight ({@code time}); 24:00:00 is 86,400,000,000. */
    public static final String MICRO_TIME = "io.pgclone.time.MicroTime";
    /** STRING, a canonical lower-case UUID. */
    public static final String UUID = "io.pgclone.data.Uuid";
    /** STRING, JSON text ({@code json} keeps its exact text, {@code jsonb} its normalized text). */
    public static final String JSON = "io.pgclone.data.Json";
    /** STRING, a numeric's exact text where no fixed-scale Decimal fits (unconstrained, NaN, ±Infinity). */
    public static final String NUMERIC = "io.pgclone.data.Numeric";
    /** STRING, PostgreSQL's text form of a type with no richer mapping; {@link #TYPE_PARAM} says which. */
    public static final String TEXT_FORM = "io.pgclone.data.TextForm";

    /** Date values standing for ±infinity (days since the epoch; outside PostgreSQL's date range). */
    public static final int DATE_POS_INFINITY = Integer.MAX_VALUE;
    public static final int DATE_NEG_INFINITY = Integer.MIN_VALUE;

    private Semantic() {
    }
}
