package io.pgclone.it;

import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** A consumer outside Connect reads the clone's topic with a plain KafkaConsumer and the converter: typed values. */
class TypedRecordsIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "avro"})
    void shouldGiveConsumersTypedValues(String converter) throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "typed");
        String tgt = Databases.fresh(pg, "typedt");
        pg.execute(src, "CREATE TABLE public.payments (id bigint PRIMARY KEY, amount numeric(12,2), paid_at timestamptz,"
                + " local_at timestamp, due date, tags text[], payer uuid, meta jsonb, flag boolean)");
        pg.execute(src, "INSERT INTO public.payments VALUES (1, 1234.50, '2024-02-29 23:59:59.123456+05:30',"
                + " '2024-02-29 23:59:59.654321', '2024-03-01', '{a,NULL,c}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
                + " '{\"k\": [1, 2]}', true)");

        String prefix = CloneHarness.uniquePrefix("typed");
        CloneHarness.cloneTables(prefix, pg, src, pg, tgt, "public.payments", Converters.settings(converter),
                UnaryOperator.identity());

        Struct row = firstRow(prefix + ".public.payments", converter);
        Schema schema = row.schema();
        assertThat(schema.field("amount").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(row.get("amount")).isInstanceOf(BigDecimal.class).isEqualTo(new BigDecimal("1234.50"));
        assertThat(((BigDecimal) row.get("amount")).scale()).isEqualTo(2);
        Instant paid = Instant.parse("2024-02-29T18:29:59.123456Z");
        assertThat(row.getInt64("paid_at")).isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, paid));
        assertThat(schema.field("paid_at").schema().name()).isEqualTo("io.pgclone.time.MicroTimestampTz");
        assertThat(row.getInt64("local_at") % 1_000_000).isEqualTo(654_321);
        assertThat(((java.util.Date) row.get("due")).getTime() / 86_400_000L).isEqualTo(LocalDate.of(2024, 3, 1).toEpochDay());
        assertThat(row.getArray("tags")).containsExactly("a", null, "c");
        assertThat(row.getString("payer")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(row.getBoolean("flag")).isTrue();
        assertThat(schema.field("amount").schema().parameters()).containsEntry("pgclone.type", "numeric(12,2)");
    }

    private static Struct firstRow(String topic, String converterName) {
        Converter converter = PluginConverters.valueConverter(converterName,
                converterName.equals("avro") ? Servers.registry().registryV2Url() : null);
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Servers.stack().broker().bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (r.value() != null) {
                        SchemaAndValue sv = converter.toConnectData(topic, r.headers(), r.value());
                        return (Struct) sv.value();
                    }
                }
            }
        }
        throw new AssertionError("no row record in " + topic);
    }
}
