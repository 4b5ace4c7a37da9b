package io.pgclone.core.types;

import org.apache.kafka.connect.data.Schema;

/** A column's Connect schema and the decoder from its COPY text, chosen once per column. */
public record FieldCodec(Schema schema, ValueDecoder decoder) {
}
