package io.pgclone.transforms;

import io.pgclone.core.types.Semantic;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/** Records shaped like the pgclone source's: a people table keyed by email. */
final class Rows {
    static final Schema KEY = SchemaBuilder.struct().name("pgclone.hr.people.Key").field("email", Schema.STRING_SCHEMA).build();
    static final Schema VALUE = SchemaBuilder.struct().name("pgclone.hr.people.Value").optional()
            .field("email", Schema.STRING_SCHEMA)
            .field("full_name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("salary", Schema.OPTIONAL_INT32_SCHEMA)
            .field("city", Schema.OPTIONAL_STRING_SCHEMA)
            .field("joined", SchemaBuilder.int64().name(Semantic.MICRO_TIMESTAMP).optional().build())
            .build();

    private Rows() {
    }

    static SourceRecord person(String topic, String email, String name, Integer salary, String city, Long joinedMicros) {
        Struct v = new Struct(VALUE).put("email", email).put("full_name", name).put("salary", salary).put("city", city)
                .put("joined", joinedMicros);
        ConnectHeaders h = new ConnectHeaders();
        h.addString("pgclone.clone", "c1");
        h.addString("pgclone.special.full_name", "text:" + name);
        return new SourceRecord(null, null, topic, 0, KEY, new Struct(KEY).put("email", email), VALUE, v, null, h);
    }
}
