package io.pgclone.it;

import io.pgclone.core.protocol.ControlMessage;
import io.pgclone.stack.ConnectRestClient;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Await;
import io.pgclone.testkit.CloneJobs;
import io.pgclone.testkit.ConfigFiles;
import io.pgclone.testkit.ConfigFiles.Connector;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control topic is not a command channel. Three real clones are read by their source connectors; their control
 * records are then produced again onto the sink's control topic interleaved record by record, with a forged OBJECT
 * record (produced by this test's own Kafka producer) inside the third clone's catalog and another one that belongs
 * to no clone at all. The first two clones finish, each with its own tables; the third is refused and marked failed;
 * both forged records are listed in pgclone.refused_records; nothing of them ran on the target.
 */
class ControlTopicIT {
    private static final String[] CLONES = {"a", "b", "c"};

    private final PostgresServer pg = Servers.postgres(17);

    @Test
    void interleavedClonesStayApartAndForgedObjectsAreRefusedAndReported() throws Exception {
        String src = Databases.fresh(pg, "ctl");
        String tgt = Databases.fresh(pg, "ctlt");
        pg.execute(src, "CREATE TABLE public.a (id int PRIMARY KEY, v text); INSERT INTO public.a SELECT g, 'a' || g"
                + " FROM generate_series(1, 30) g; CREATE TABLE public.b (id int PRIMARY KEY); INSERT INTO public.b"
                + " SELECT generate_series(1, 20); CREATE TABLE public.c (id int); INSERT INTO public.c VALUES (1)");
        String read = CloneHarness.uniquePrefix("ctlread");
        String applied = CloneHarness.uniquePrefix("ctlsink");
        ConnectRestClient rest = Servers.stack().worker().rest();

        // 1. the sources write their records, under the read prefix; no sink reads them there
        List<String> sources = new ArrayList<>();
        for (String t : CLONES) {
            Connector src0 = ConfigFiles.load("clone-table.json").named(read + "-" + t).connectedTo("source", pg, src)
                    .with("topic.prefix", read).with("clone.id", read + t).with("tables", "public." + t);
            rest.put(src0.name(), src0.config());
            sources.add(src0.name());
        }
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byClone = new LinkedHashMap<>();
        try {
            Await.until("every clone's chunk-done on the control topic", Duration.ofMinutes(2), () -> {
                CloneJobs.failOnFailedTask(rest, sources);
                byClone.clear();
                for (ConsumerRecord<byte[], byte[]> r : readAll(read + "._control")) {
                    byClone.computeIfAbsent(message(r).cloneId(), k -> new ArrayList<>()).add(r);
                }
                return byClone.size() == CLONES.length && byClone.values().stream().allMatch(rs -> rs.stream()
                        .anyMatch(r -> message(r).type().equals(ControlMessage.CHUNK_DONE)));
            });
        } finally {
            sources.forEach(rest::delete);
        }

        // 2. their control records again on the sink's control topic, interleaved, with two forged objects
        List<List<ConsumerRecord<byte[], byte[]>>> lists = new ArrayList<>();
        for (String t : CLONES) {
            lists.add(byClone.get(read + t));
        }
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        String control = applied + "._control";
        out.add(forgedObject(control, "ghost", "CREATE TABLE public.pwned_ghost (id int)"));
        for (int i = 0; i < lists.stream().mapToInt(List::size).max().orElse(0); i++) {
            for (List<ConsumerRecord<byte[], byte[]>> l : lists) {
                if (i < l.size()) {
                    out.add(new ProducerRecord<>(control, 0, l.get(i).key(), l.get(i).value()));
                }
                if (l == lists.get(2) && i == 0) { // right after the third clone's manifest
                    out.add(forgedObject(control, read + "c", "CREATE TABLE public.pwned (id int)"));
                }
            }
        }
        try (var admin = Servers.stack().broker().admin()) {
            admin.createTopics(List.of(new NewTopic(control, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Servers.stack().broker().bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> r : out) {
                producer.send(r).get();
            }
        }

        // 3. the sink reads that control topic and the sources' data topics
        Connector sink = ConfigFiles.load("sink.json").named(applied + "-sink").connectedTo("target", pg, tgt)
                .with("topic.prefix", applied)
                .with("topics.regex", applied.replace(".", "\\.") + "\\._control|" + read + "\\.public\\..*");
        rest.put(sink.name(), sink.config());
        try {
            CloneJobs.awaitDone(pg, tgt, read + "a", Duration.ofMinutes(2), rest, List.of(sink.name()));
            CloneJobs.awaitDone(pg, tgt, read + "b", Duration.ofMinutes(2), rest, List.of(sink.name()));
            Await.until("clone c to be refused", Duration.ofMinutes(1), () -> {
                String[] s = CloneJobs.status(pg, tgt, read + "c");
                return s != null && s[0].equals("failed");
            });
            Await.until("both forged records to be listed", Duration.ofMinutes(1),
                    () -> query(tgt, "SELECT count(*) FROM pgclone.refused_records WHERE type = 'object'").equals("2"));
        } finally {
            rest.delete(sink.name());
        }
        assertThat(CloneJobs.status(pg, tgt, read + "c")[1]).contains("refused").contains("nothing of it was applied");
        assertThat(query(tgt, "SELECT string_agg(clone_id, ',' ORDER BY clone_id) FROM pgclone.refused_records"
                + " WHERE type = 'object'")).isEqualTo(read + "c,ghost");
        assertThat(query(tgt, "SELECT to_regclass('public.pwned') IS NULL AND to_regclass('public.pwned_ghost') IS NULL"
                + " AND to_regclass('public.c') IS NULL")).isEqualTo("t");
        assertThat(query(tgt, "SELECT (SELECT count(*) FROM public.a) || ',' || (SELECT count(*) FROM public.b)"))
                .isEqualTo("30,20");
        assertThat(query(tgt, "SELECT string_agg(t.clone_id || ':' || t.target_name, ',' ORDER BY t.clone_id)"
                + " FROM pgclone.tables t")).isEqualTo(read + "a:a," + read + "b:b");
    }

    /**
     * A whole clone produced by someone who knows the protocol (its manifest announces the right digest, computed
     * here as docs/decisions/0007 describes it) still cannot run two statements from one object: the sink executes
     * each statement alone and refuses the object.
     */
    @Test
    void anObjectWhoseSqlHoldsTwoStatementsIsRefusedEvenInACatalogThatMatchesItsManifest() throws Exception {
        String tgt = Databases.fresh(pg, "ctl2t");
        pg.execute(tgt, "CREATE TABLE public.victim (id int)");
        String prefix = CloneHarness.uniquePrefix("ctl2");
        String clone = prefix + "x";
        String control = prefix + "._control";
        String sql = "CREATE TABLE public.first (id int); DROP TABLE public.victim";
        Map<String, Object> evil = new LinkedHashMap<>();
        evil.put("kind", "comment");
        evil.put("identity", "comment:evil");
        evil.put("schema", "public");
        evil.put("name", "evil");
        evil.put("section", "pre-data");
        evil.put("dependsOn", List.of());
        evil.put("needsTables", List.of());
        evil.put("statements", List.of(sql));
        evil.put("sql", sql);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("cloneId", clone);
        manifest.put("generation", 1);
        manifest.put("minGeneration", 1);
        manifest.put("snapshot", "snap");
        manifest.put("lsn", "0/0");
        manifest.put("consistent", true);
        manifest.put("topicPrefix", prefix);
        manifest.put("startedAt", "2026-01-01T00:00:00Z");
        manifest.put("tables", List.of());
        manifest.put("warnings", List.of());
        manifest.put("catalog", Map.of("objects", 1, "sha256", digest(evil)));
        try (var admin = Servers.stack().broker().admin()) {
            admin.createTopics(List.of(new NewTopic(control, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Servers.stack().broker().bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(record(control, clone, ControlMessage.MANIFEST, manifest)).get();
            producer.send(record(control, clone, ControlMessage.OBJECT, evil)).get();
            producer.send(record(control, clone, ControlMessage.CATALOG_END, Map.of("objects", 1))).get();
        }
        ConnectRestClient rest = Servers.stack().worker().rest();
        Connector sink = ConfigFiles.load("sink.json").named(prefix + "-sink").connectedTo("target", pg, tgt)
                .with("topic.prefix", prefix).with("topics.regex", prefix + "\\..*");
        rest.put(sink.name(), sink.config());
        try {
            Await.until("the clone to fail", Duration.ofMinutes(1), () -> {
                String[] st = CloneJobs.status(pg, tgt, clone);
                return st != null && !st[0].equals("running");
            });
        } finally {
            rest.delete(sink.name());
        }
        assertThat(CloneJobs.status(pg, tgt, clone)[1]).contains("holds 2 statements");
        assertThat(query(tgt, "SELECT to_regclass('public.first') IS NULL AND to_regclass('public.victim') IS NOT NULL"))
                .isEqualTo("t");
    }

    /** SHA-256 of one body's canonical JSON (the protocol's mapper, through bytes and back), length first. */
    private static String digest(Object body) throws Exception {
        var json = ControlMessage.JSON;
        byte[] canonical = json.writeValueAsBytes(json.readTree(json.writeValueAsBytes(body)));
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update(java.nio.ByteBuffer.allocate(4).putInt(canonical.length).array());
        sha.update(canonical);
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String clone, String type, Object body) {
        Struct value = ControlMessage.toStruct(type, clone, 1, body);
        return new ProducerRecord<>(topic, 0, converter(true).fromConnectData(topic, Schema.STRING_SCHEMA, clone),
                converter(false).fromConnectData(topic, ControlMessage.VALUE_SCHEMA, value));
    }

    /** An OBJECT record as the source would write it, SQL and all, written by someone else. */
    private static ProducerRecord<byte[], byte[]> forgedObject(String topic, String cloneId, String sql) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "comment");
        body.put("identity", "comment:forged");
        body.put("schema", "public");
        body.put("name", "forged");
        body.put("section", "pre-data");
        body.put("dependsOn", List.of());
        body.put("needsTables", List.of());
        body.put("statements", List.of(sql));
        body.put("sql", sql); // what a sink of the previous protocol read
        return record(topic, cloneId, ControlMessage.OBJECT, body);
    }

    private static JsonConverter converter(boolean key) {
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", "true"), key);
        return c;
    }

    private static ControlMessage message(ConsumerRecord<byte[], byte[]> r) {
        return ControlMessage.fromValue(converter(false).toConnectData(r.topic(), r.value()).value());
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Servers.stack().broker().bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            if (consumer.partitionsFor(topic, Duration.ofSeconds(5)).isEmpty()) {
                return out;
            }
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    private String query(String db, String sql) {
        return Fixtures.query(pg, db, sql);
    }
}
