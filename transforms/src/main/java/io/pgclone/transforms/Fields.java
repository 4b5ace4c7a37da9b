package io.pgclone.transforms;

import io.pgclone.core.protocol.ControlMessage;
import io.pgclone.core.types.Semantic;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** What the transforms share: which records they touch, and a field's column name. */
final class Fields {
    private Fields() {
    }

    /** A record with a struct value that is not a pgclone control message. */
    static boolean isRow(ConnectRecord<?> r) {
        return r.value() instanceof Struct s && !ControlMessage.VALUE_SCHEMA.name().equals(s.schema().name());
    }

    /** The column a field holds: its {@code pgclone.column} parameter (Avro-safe names differ), else its name. */
    static String column(Field f) {
        Schema s = f.schema();
        String c = s.parameters() == null ? null : s.parameters().get(Semantic.COLUMN_PARAM);
        return c != null ? c : f.name();
    }
}
