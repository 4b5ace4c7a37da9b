package io.pgclone.core.types;

import io.pgclone.core.copy.CopyTextParser;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;


/**
 * Turns rows of COPY text output into record values and keys of one table; built once per table, reused for every
 * row. Values a field cannot hold go to a {@link SpecialSink} as exact text.
 */
public final class RowDecoder {
    private final RowSchema rows;
    private final CopyTextParser parser;
    private final Field[] valueFields;
    private final Field[] keyFields;
    private final int[] keyPositions;
    private final ValueDecoder[] decoders;

    /** Receives the exact text of values that travel in headers. */
    @FunctionalInterface
    public interface SpecialSink {
        void special(String column, Special value);
    }

    public RowDecoder(RowSchema rows) {
        this.rows = rows;
        int n = rows.columns().size();
        this.parser = new CopyTextParser(n);
        this.valueFields = rows.valueSchema().fields().toArray(new Field[0]);
        this.keyFields = rows.keySchema() == null ? new Field[0] : rows.keySchema().fields().toArray(new Field[0]);
        this.keyPositions = rows.keyPositions();
        this.decoders = new ValueDecoder[n];
        for (int i = 0; i < n; i++) {
            decoders[i] = rows.codec(i).decoder();
        }
    }

    public Struct value(byte[] copyLine, SpecialSink specials) {
        String[] fields = parser.parse(copyLine);
        Struct value = new Struct(rows.valueSchema());
        for (int i = 0; i < fields.length; i++) {
            String text = fields[i];
            if (text == null) {
                continue;
            }
            Object v = decode(i, text);
            if (v instanceof Special s) {
                specials.special(rows.columns().get(i).name(), s);
            } else {
                value.put(valueFields[i], v);
            }
        }
        return value;
    }

    /** The primary-key struct of a value, or null for a table without a primary key. */
    public Struct key(Struct value) {
        Schema keySchema = rows.keySchema();
        if (keySchema == null) {
            return null;
        }
        Struct key = new Struct(keySchema);
        for (int k = 0; k < keyFields.length; k++) {
            key.put(keyFields[k], value.get(valueFields[keyPositions[k]]));
        }
        return key;
    }

    private Object decode(int i, String text) {
        try {
            return decoders[i].decode(text);
        } catch (RuntimeException e) {
            // Never the value in the message, nor the cause (whose message may hold it): it may be personal data.
            throw new DataException("cannot decode column " + rows.columns().get(i).name() + " (type "
                    + rows.columns().get(i).type().formatted() + "): " + e.getClass().getSimpleName());
        }
    }
}
