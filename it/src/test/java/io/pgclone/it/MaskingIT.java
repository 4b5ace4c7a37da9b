package io.pgclone.it;

import io.pgclone.core.mask.HashKey;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Masks run in the source server's COPY query (bulk or typed records) or in the source connector's transform chain:
 * the two ways give the same masks (the keyed hash under one key is equal). Either way every record of every topic of the clone is read back and none holds
 * an original value of a masked column; the target holds the masked values; a keyed hash keeps a foreign key
 * between two hashed columns valid, and changes with the key.
 */
class MaskingIT {
    private static final String MASKS = "{\"accounts\": {\"email\": \"hash\", \"full_name\": \"name\","
            + " \"phone\": {\"type\": \"phone\", \"keep_last\": 2}, \"ssn\": \"null\","
            + " \"salary\": {\"type\": \"random_int\", \"min\": 1, \"max\": 9}},"
            + " \"logins\": {\"account_email\": \"hash\", \"ip\": \"hash\"}}";

    private final PostgresServer pg = Servers.postgres(17);

    /** How the masks are applied: in the source's COPY query (bulk or typed records), or by the Mask transform. */
    enum Way { PUSHDOWN_COPY, PUSHDOWN_TYPED, TRANSFORM }

    @ParameterizedTest
    @EnumSource(Way.class)
    void noOriginalValueOfAMaskedColumnReachesKafkaAndTheTargetHoldsTheMaskedOnes(Way way) throws Exception {
        String src = source();
        String tgt = Databases.fresh(pg, "maskt");
        String prefix = CloneHarness.uniquePrefix("mask");
        clone(prefix, src, tgt, keyFile("first key"), way);

        List<String> originals = originals(src);
        assertThat(originals).hasSizeGreaterThan(1000);
        String everything = allRecordsOf(prefix);
        assertThat(everything).as("the clone's topics hold its rows").contains("Berlin");
        for (String o : originals) {
            assertThat(everything.contains(o)).as("original value %s in Kafka", o).isFalse();
        }

        try (Connection c = pg.connect(tgt); Statement st = c.createStatement()) {
            assertThat(scalar(st, "SELECT count(*) FROM hr.accounts")).isEqualTo("300");
            assertThat(scalar(st, "SELECT count(*) FROM hr.logins")).isEqualTo("900");
            assertThat(scalar(st, "SELECT count(*) FROM hr.accounts WHERE email = '"
                    + HashKey.of("first key").hex("user7@corp-mail.example") + "'")).isEqualTo("1");
            assertThat(scalar(st, "SELECT string_agg(DISTINCT full_name, ',') FROM hr.accounts")).isEqualTo("XXXX");
            assertThat(scalar(st, "SELECT count(*) FROM hr.accounts WHERE ssn IS NOT NULL")).isEqualTo("0");
            assertThat(scalar(st, "SELECT min(salary) >= 1 AND max(salary) <= 9 FROM hr.accounts")).isEqualTo("t");
            assertThat(scalar(st, "SELECT phone FROM hr.accounts WHERE email = '"
                    + HashKey.of("first key").hex("user7@corp-mail.example") + "'")).isEqualTo("+XX-XX-XXXXX07");
            assertThat(scalar(st, "SELECT count(*) FROM hr.accounts WHERE email LIKE '%@corp-mail.example'")).isEqualTo("0");
            // the foreign key between the two hashed columns was created and holds
            assertThat(scalar(st, "SELECT convalidated FROM pg_constraint WHERE conname = 'logins_account_email_fkey'"))
                    .isEqualTo("t");
            assertThat(scalar(st, "SELECT count(*) FROM hr.logins l JOIN hr.accounts a ON a.email = l.account_email"))
                    .isEqualTo("900");
        }
    }

    @Test
    void theKeyedHashChangesWithTheKey() throws Exception {
        String src = source();
        String first = Databases.fresh(pg, "maskk1");
        String second = Databases.fresh(pg, "maskk2");
        clone(CloneHarness.uniquePrefix("mask"), src, first, keyFile("key one"), Way.PUSHDOWN_COPY);
        clone(CloneHarness.uniquePrefix("mask"), src, second, keyFile("key two"), Way.TRANSFORM);
        String q = "SELECT string_agg(email, ',' ORDER BY email) FROM hr.accounts";
        try (Connection a = pg.connect(first); Statement sa = a.createStatement();
             Connection b = pg.connect(second); Statement sb = b.createStatement()) {
            String one = scalar(sa, q);
            String two = scalar(sb, q);
            assertThat(one).isNotEqualTo(two);
            assertThat(one).contains(HashKey.of("key one").hex("user1@corp-mail.example"));
            assertThat(two).contains(HashKey.of("key two").hex("user1@corp-mail.example"));
        }
    }

    private void clone(String prefix, String src, String tgt, Path keyFile, Way way) {
        String key = "${file:" + keyFile + ":mask.key}";
        UnaryOperator<io.pgclone.testkit.ConfigFiles.Connector> masked = way == Way.TRANSFORM
                ? c -> c.with("tables", null).with("schemas", "hr")
                .with("transforms", "mask")
                .with("transforms.mask.type", "io.pgclone.transforms.Mask")
                .with("transforms.mask.masks", MASKS)
                .with("transforms.mask.hash.key", key)
                : c -> c.with("tables", null).with("schemas", "hr").with("masks", MASKS).with("mask.hash.key", key);
        CloneHarness.cloneTables(prefix, pg, src, pg, tgt, null,
                way == Way.PUSHDOWN_COPY ? Converters.settings("copy") : Map.of(), masked);
    }

    private String source() throws Exception {
        String db = Databases.fresh(pg, "masks");
        Fixtures.run(pg, db, """
                CREATE SCHEMA hr;
                CREATE TABLE hr.accounts (email text PRIMARY KEY, full_name text NOT NULL, phone text, ssn text,
                  salary numeric(10,2), city text);
                CREATE TABLE hr.logins (id bigint PRIMARY KEY, account_email text NOT NULL REFERENCES hr.accounts (email),
                  ip text, at timestamptz);
                CREATE INDEX logins_ip_idx ON hr.logins (ip);
                INSERT INTO hr.accounts SELECT 'user' || g || '@corp-mail.example', 'Person Number ' || g,
                  '+49-30-' || lpad(g::text, 7, '0'), lpad(g::text, 3, '0') || '-45-' || lpad(g::text, 4, '0'), 1000 + g,
                  CASE WHEN g % 2 = 0 THEN 'Berlin' ELSE 'Paris' END FROM generate_series(1, 300) g;
                INSERT INTO hr.logins SELECT g, 'user' || (g % 300 + 1) || '@corp-mail.example',
                  '10.9.' || (g % 250) || '.' || (g % 199 + 1), now() FROM generate_series(1, 900) g;
                """);
        return db;
    }

    /** Every value of a masked column on the source (salaries aside: numbers also occur as ids). */
    private List<String> originals(String db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT email FROM hr.accounts UNION SELECT full_name FROM hr.accounts"
                     + " UNION SELECT phone FROM hr.accounts UNION SELECT ssn FROM hr.accounts"
                     + " UNION SELECT ip FROM hr.logins")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Keys, values and headers of every record of every topic of the clone, as text. */
    private static String allRecordsOf(String prefix) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Servers.stack().broker().bootstrapServers());
        StringBuilder all = new StringBuilder();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            consumer.listTopics().forEach((topic, infos) -> {
                if (topic.startsWith(prefix + ".")) {
                    infos.forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
                }
            });
            assertThat(parts).hasSizeGreaterThanOrEqualTo(3); // control + two tables
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 60_000;
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.currentTimeMillis()).as("read every record").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    all.append(text(r.key())).append('\n').append(text(r.value())).append('\n');
                    for (Header h : r.headers()) {
                        all.append(h.key()).append('=').append(text(h.value())).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private static String text(byte[] b) {
        return b == null ? "" : new String(b, StandardCharsets.UTF_8);
    }

    private static Path keyFile(String key) throws Exception {
        Path f = Files.createTempFile("pgclone-mask", ".properties");
        Files.writeString(f, "mask.key=" + key + "\n");
        f.toFile().deleteOnExit();
        return f;
    }

    private static String scalar(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
