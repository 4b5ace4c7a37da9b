package io.pgclone.core.options;

/** How the source carries rows in records (setting {@code record.format}). */
public enum RecordFormat {
    /** One record per row, a struct of typed fields, for transforms and other consumers. */
    TYPED,
    /** Batches of COPY text rows as bytes, loaded as they are. */
    COPY
}
