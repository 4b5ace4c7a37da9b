package io.pgclone.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgclone.stack.ConnectRestClient;
import io.pgclone.stack.LocalStack;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.CloneJobs;
import io.pgclone.testkit.ConfigFiles;
import io.pgclone.testkit.ConfigFiles.Connector;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import io.pgclone.testkit.TableComparison;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** One table cloned end to end through the real broker and worker, deployed from config/ like a user would. */
class CloneTableIT {
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final int ROWS = 100_000;

    @ParameterizedTest(name = "PostgreSQL {0} -> {1}")
    @MethodSource("io.pgclone.it.ServerPairs#pairs")
    void shouldCloneATableIdenticallyThroughKafka(int sourceMajor, int targetMajor) throws Exception {
        PostgresServer source = Servers.postgres(sourceMajor);
        PostgresServer target = Servers.postgres(targetMajor);
        String sourceDb = Databases.fresh(source, "src");
        String targetDb = Databases.fresh(target, "tgt");
        try (Connection c = source.connect(sourceDb); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE public.accounts (id int8 PRIMARY KEY, note text, amount numeric(12,2),"
                    + " created timestamptz, active boolean)");
            st.execute("INSERT INTO public.accounts SELECT g,"
                    + " CASE WHEN g % 7 = 0 THEN NULL ELSE 'row ' || g || E'\\ttab\\nnewline \\\\ backslash ünïcødé ✓ 日本' END,"
                    + " CASE WHEN g % 11 = 0 THEN NULL ELSE (g * 37 % 100000000) / 100.0 - 5000 END,"
                    + " CASE WHEN g % 13 = 0 THEN NULL ELSE timestamptz '2024-02-29 23:59:59.123456+05:30'"
                    + "   - g * interval '1 minute 1.000001 second' END,"
                    + " CASE WHEN g % 17 = 0 THEN NULL ELSE g % 2 = 0 END"
                    + " FROM generate_series(1, " + ROWS + ") g");
        }

        String prefix = "it" + ProcessHandle.current().pid() + "x" + RUN.incrementAndGet();
        LocalStack stack = Servers.stack();
        ConnectRestClient rest = stack.worker().rest();
        Connector sourceConnector = ConfigFiles.load("clone-table.json").named(prefix + "-source")
                .connectedTo("source", source, sourceDb).with("topic.prefix", prefix).with("clone.id", prefix)
                .with("tables", "public.accounts");
        Connector sinkConnector = ConfigFiles.load("sink.json").named(prefix + "-sink")
                .connectedTo("target", target, targetDb).with("topic.prefix", prefix)
                .with("topics.regex", prefix + "\\..*");
        rest.put(sinkConnector.name(), sinkConnector.config());
        rest.put(sourceConnector.name(), sourceConnector.config());
        try {
            CloneJobs.awaitDone(target, targetDb, prefix, Duration.ofMinutes(4), rest,
                    List.of(sourceConnector.name(), sinkConnector.name()));
        } finally {
            rest.delete(sourceConnector.name());
            rest.delete(sinkConnector.name());
        }

        try (Connection s = source.connect(sourceDb); Connection t = target.connect(targetDb)) {
            assertThat(TableComparison.count(t, "public.accounts")).isEqualTo(ROWS);
            assertThat(TableComparison.differences(s, "public.accounts", t, "public.accounts", "id")).isEmpty();
            assertThat(primaryKeyColumns(t)).isEqualTo("id");
        }
        assertThat(rowRecordsInTopic(stack, prefix + ".public.accounts")).isEqualTo(ROWS);
    }

    private static String primaryKeyColumns(Connection c) throws Exception {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT string_agg(a.attname, ',')"
                + " FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                + " WHERE i.indrelid = 'public.accounts'::regclass AND i.indisprimary")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Row records (non-null values) in the data topic, read with a plain consumer; each holds a JSON row. */
    private static long rowRecordsInTopic(LocalStack stack, String topic) {
        ObjectMapper json = new ObjectMapper();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers(),
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 << 20),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long rows = 0;
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(2))) {
                    if (r.value() != null) {
                        String text = new String(r.value(), StandardCharsets.UTF_8);
                        if (rows == 0) {
                            assertThat(json.readTree(text).get("payload").has("note")).isTrue();
                        }
                        rows++;
                    }
                }
            }
            return rows;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
