package io.pgclone.core.types;

import io.pgclone.core.catalog.ColumnDef;
import io.pgclone.core.catalog.TableDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Connect schemas of one table's records, built once per table: the value struct has a field per
 * transported column (all but generated ones), the key struct the primary-key columns (no key without a PK).
 */
public final class RowSchema {
    private final Schema valueSchema;
    private final Schema keySchema;
    private final FieldCodec[] codecs;
    private final List<ColumnDef> columns;
    private final int[] keyPositions;

    private RowSchema(Schema valueSchema, Schema keySchema, FieldCodec[] codecs, List<ColumnDef> columns,
                      int[] keyPositions) {
        this.valueSchema = valueSchema;
        this.keySchema = keySchema;
        this.codecs = codecs;
        this.columns = columns;
        this.keyPositions = keyPositions;
    }

    public static RowSchema of(TableDef table) {
        List<ColumnDef> cols = table.dataColumns();
        String base = "pgclone." + avroName(table.name().schema()) + "." + avroName(table.name().name());
        SchemaBuilder value = SchemaBuilder.struct().name(base + ".Value").optional();
        FieldCodec[] codecs = new FieldCodec[cols.size()];
        String[] fieldNames = fieldNames(cols);
        for (int i = 0; i < cols.size(); i++) {
            ColumnDef c = cols.get(i);
            codecs[i] = SourceCodecs.forColumn(c.name(), c.type());
            value.field(fieldNames[i], codecs[i].schema());
        }
        Schema key = null;
        int[] keyPositions = new int[0];
        if (table.primaryKey() != null) {
            SchemaBuilder k = SchemaBuilder.struct().name(base + ".Key");
            List<String> pk = table.primaryKey().columns();
            keyPositions = new int[pk.size()];
            for (int i = 0; i < pk.size(); i++) {
                int pos = indexOf(cols, pk.get(i));
                keyPositions[i] = pos;
                k.field(fieldNames[pos], codecs[pos].schema());
            }
            key = k.build();
        }
        return new RowSchema(value.build(), key, codecs, cols, keyPositions);
    }

    private static int indexOf(List<ColumnDef> cols, String name) {
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("primary key column " + name + " is not transported");
    }

    /**
     * Field names: the column names, except that names Avro cannot hold are made valid (and unique); the exact
     * column name stays in the field's {@code pgclone.column} parameter.
     */
    static String[] fieldNames(List<ColumnDef> cols) {
        String[] out = new String[cols.size()];
        Set<String> used = new HashSet<>();
        for (int i = 0; i < cols.size(); i++) {
            String n = cols.get(i).name();
            if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                n = avroName(n);
            }
            String candidate = n;
            for (int k = 2; !used.add(candidate); k++) {
                candidate = n + "_" + k;
            }
            out[i] = candidate;
        }
        return out;
    }

    /** Letters, digits and underscores only, not starting with a digit: valid in Avro and Connect names. */
    static String avroName(String s) {
        StringBuilder b = new StringBuilder(s.length() + 1);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        if (b.length() == 0 || Character.isDigit(b.charAt(0))) {
            b.insert(0, '_');
        }
        return b.toString();
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    /** Null for a table without a primary key. */
    public Schema keySchema() {
        return keySchema;
    }

    public FieldCodec codec(int i) {
        return codecs[i];
    }

    public List<ColumnDef> columns() {
        return columns;
    }

    public int[] keyPositions() {
        return keyPositions;
    }
}
