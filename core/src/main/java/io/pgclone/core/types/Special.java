package io.pgclone.core.types;

/**
 * A source value the field's Connect type cannot hold (NaN in a Decimal column). The field carries null and the
 * exact text travels in a record header {@code pgclone.special.<column>}, which the sink writes instead.
 */
public record Special(String text) {
    public static final String HEADER_PREFIX = "pgclone.special.";
}
