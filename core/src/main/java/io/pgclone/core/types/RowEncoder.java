package io.pgclone.core.types;

import io.pgclone.core.copy.CopyTextWriter;
import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.types.CopyEncoders.ValueEncoder;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

import java.util.List;

/**
 * Writes record values of one value schema as COPY text rows; built once per schema. The columns are the schema's
 * fields, so a column dropped upstream (by a transform) is simply not loaded.
 */
public final class RowEncoder {
    private final Field[] fields;
    private final String[] columns;
    private final ValueEncoder[] encoders;
    private final String columnList;

    private RowEncoder(Schema schema) {
        List<Field> fs = schema.fields();
        fields = fs.toArray(new Field[0]);
        columns = new String[fields.length];
        encoders = new ValueEncoder[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Schema fieldSchema = fields[i].schema();
            String original = fieldSchema.parameters() == null ? null : fieldSchema.parameters().get(Semantic.COLUMN_PARAM);
            columns[i] = original != null ? original : fields[i].name();
            encoders[i] = CopyEncoders.forSchema(fieldSchema);
        }
        columnList = Identifiers.copyColumnList(List.of(columns));
    }

    public static RowEncoder of(Schema valueSchema) {
        return new RowEncoder(valueSchema);
    }

    /** The quoted column list for {@code COPY t (...) FROM STDIN}. */
    public String columnList() {
        return columnList;
    }

    public void write(Struct value, Headers headers, CopyTextWriter out) {
        String[] specials = specials(headers);
        for (int i = 0; i < fields.length; i++) {
            out.field();
            if (specials != null && specials[i] != null) {
                out.writeText(specials[i]);
                continue;
            }
            Object v = value.get(fields[i]);
            if (v == null) {
                out.writeNull();
            } else {
                encoders[i].write(v, out);
            }
        }
        out.endRow();
    }

    /** Exact texts of values the Connect type could not hold, by field position; null when there are none. */
    private String[] specials(Headers headers) {
        String[] found = null;
        for (Header h : headers) {
            if (!h.key().startsWith(Special.HEADER_PREFIX)) {
                continue;
            }
            String column = h.key().substring(Special.HEADER_PREFIX.length());
            for (int i = 0; i < columns.length; i++) {
                if (columns[i].equals(column)) {
                    if (found == null) {
                        found = new String[columns.length];
                    }
                    found[i] = Special.fromHeaderValue(h.value());
                    if (found[i] == null) {
                        throw new DataException("header " + h.key()
                                + " lost its '" + Special.VALUE_PREFIX + "' prefix: check the header converter");
                    }
                }
            }
        }
        return found;
    }
}
