package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.stack.ConnectRestClient;
import io.pgclone.stack.LocalStack;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.CloneJobs;
import io.pgclone.testkit.Servers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After clones with a password and a keyed-hash mask, by the CLI (embedded, a run that fails and keeps its folder;
 * and on a Connect cluster) and through the REST API with config provider references, neither the password nor
 * the key is anywhere: CLI output, worker logs, the kept work folder, any topic of the cluster (the config topic
 * included, read record by record so compression hides nothing), or the target's state schema.
 */
class SecretsScanIT {
    private static final List<String> TABLES = List.of("public.people");

    @Test
    void shouldLeaveNoPasswordOrKeyAnywhere() throws Exception {
        String password = "Pw-" + UUID.randomUUID();
        String key = "Key-" + UUID.randomUUID();
        Path tmp = Files.createTempDirectory("pgclone-scan-");
        Path keyFile = tmp.resolve("hash.properties");
        Files.writeString(keyFile, "mask.key=" + key + "\n");
        try (PostgresServer pg = PostgresServer.start(PostgresServer.options().major(17).password(password))) {
            pg.createDatabase("src");
            pg.execute("src", "CREATE TABLE public.people (id int PRIMARY KEY, email text, note text)");
            pg.execute("src", "INSERT INTO public.people SELECT g, 'user' || g || '@example.com', 'n' || g"
                    + " FROM generate_series(1, 2000) g");
            String mask = "{\"email\": \"hash\"}";
            List<String> outputs = new ArrayList<>();

            // 1. CLI, embedded, a run that gives up at once: its folder (broker data, worker log) is kept
            pg.createDatabase("cli_failed");
            Path work = tmp.resolve("work");
            CliProcess.Result failed = CliProcess.run(600, "clone", "--source", pg.conninfo("src"), "--target",
                    pg.conninfo("cli_failed"), "--table", TABLES.get(0), "--mask", mask, "--hash-key-file",
                    keyFile.toString(), "--format", "json", "--work-dir", work.toString(), "--timeout", "0",
                    "--no-progress");
            outputs.add(failed.stdout() + failed.stderr());
            assertThat(failed.exitCode()).as(failed.stdout() + failed.stderr()).isNotZero();
            assertThat(work.resolve("kafka")).as("the failed run keeps its folder").isDirectory();
            assertThat(work.resolve(SecretsFile.NAME)).as("the secrets file goes when the run ends").doesNotExist();

            // 2. CLI on a Connect cluster, with a secrets folder the worker reads
            LocalStack stack = Servers.stack();
            pg.createDatabase("cli_connect");
            Path shared = tmp.resolve("shared");
            CliProcess.Result connect = CliProcess.run(600, "clone", "--source", pg.conninfo("src"), "--target",
                    pg.conninfo("cli_connect"), "--table", TABLES.get(0), "--mask", mask, "--hash-key-file",
                    keyFile.toString(), "--connect", stack.worker().url(), "--connect-secrets-dir", shared.toString(),
                    "--clone-id", "scan" + ProcessHandle.current().pid(), "--no-progress");
            outputs.add(connect.stdout() + connect.stderr());
            assertThat(connect.exitCode()).as(connect.stdout() + connect.stderr()).isZero();
            assertThat(shared.resolve(SecretsFile.NAME)).doesNotExist();

            // 3. REST, as an operator deploys: the password and the key as references into a 0600 file
            pg.createDatabase("rest");
            String cloneId = "scanrest" + ProcessHandle.current().pid();
            SecretsFile secrets = new SecretsFile(tmp.resolve("operator"));
            CloneRequest request = new CloneRequest(ConnInfo.parse(pg.conninfo("src")), ConnInfo.parse(pg.conninfo("rest")),
                    "1 table", TABLES, cloneId, "pgclone." + cloneId, 1, 1, Map.of(),
                    MaskSettings.of(mask, null, keyFile), Map.of());
            Map<String, String> source = ConnectorConfigs.source(request, secrets);
            Map<String, String> sink = ConnectorConfigs.sink(request, secrets);
            secrets.write();
            ConnectRestClient rest = stack.worker().rest();
            String sourceName = ConnectorConfigs.sourceName(cloneId);
            String sinkName = ConnectorConfigs.sinkName(cloneId);
            rest.put(sinkName, sink);
            rest.put(sourceName, source);
            try {
                CloneJobs.awaitDone(pg, "rest", cloneId, Duration.ofMinutes(4), rest, List.of(sourceName, sinkName));
                outputs.add(rest.config(sourceName).toString() + rest.config(sinkName));
            } finally {
                rest.delete(sourceName);
                rest.delete(sinkName);
                secrets.close();
            }

            List<String> found = new ArrayList<>();
            for (String secret : List.of(password, key)) {
                String what = secret.equals(password) ? "the password" : "the hash key";
                for (int i = 0; i < outputs.size(); i++) {
                    if (outputs.get(i).contains(secret)) {
                        found.add(what + " in CLI or REST output " + i);
                    }
                }
                found.addAll(filesHolding(work, secret, what));
                found.addAll(filesHolding(stack.worker().dir(), secret, what));
                found.addAll(recordsHolding(stack.broker().bootstrapServers(), secret, what));
                for (String db : List.of("cli_failed", "cli_connect", "rest")) {
                    found.addAll(stateHolding(pg, db, secret, what));
                }
            }
            assertThat(found).isEmpty();
            assertThat(rowsOf(pg, "cli_connect")).isEqualTo(2000);
            assertThat(rowsOf(pg, "rest")).isEqualTo(2000);
        }
    }

    private static List<String> filesHolding(Path dir, String secret, String what) throws Exception {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (indexOf(Files.readAllBytes(f), needle) >= 0) {
                    hits.add(what + " in file " + f);
                }
            }
        }
        return hits;
    }

    /** Every record of every topic, internal ones included, decompressed by the consumer. */
    private static List<String> recordsHolding(String bootstrap, String secret, String what) {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "scan-" + UUID.randomUUID());
        p.put("enable.auto.commit", "false");
        p.put("exclude.internal.topics", "false");
        List<String> hits = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            c.listTopics().forEach((topic, infos) -> infos.forEach(i -> parts.add(new TopicPartition(topic, i.partition()))));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(parts));
            Map<String, Long> scanned = new LinkedHashMap<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    scanned.merge(r.topic(), 1L, Long::sum);
                    boolean hit = indexOf(r.key(), needle) >= 0 || indexOf(r.value(), needle) >= 0;
                    for (Header h : r.headers()) {
                        hit |= indexOf(h.value(), needle) >= 0;
                    }
                    if (hit) {
                        hits.add(what + " in topic " + r.topic() + " at offset " + r.offset());
                    }
                }
            }
            assertThat(scanned).as("records read per topic").containsKey("_connect-configs");
        }
        return hits;
    }

    private static List<String> stateHolding(PostgresServer pg, String db, String secret, String what) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Connection c = pg.connect(db); Statement st = c.createStatement();
             ResultSet tables = st.executeQuery("SELECT format('%I.%I', schemaname, tablename) FROM pg_tables"
                     + " WHERE schemaname = 'pgclone'")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            assertThat(names).as("state tables of " + db).isNotEmpty();
            for (String t : names) {
                try (Statement s2 = c.createStatement();
                     ResultSet rs = s2.executeQuery("SELECT count(*) FROM " + t + " x WHERE x::text LIKE '%' || "
                             + "'" + secret + "' || '%'")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        hits.add(what + " in " + db + "." + t);
                    }
                }
            }
        }
        return hits;
    }

    private static long rowsOf(PostgresServer pg, String db) throws Exception {
        try (Connection c = pg.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM public.people")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        if (hay == null) {
            return -1;
        }
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
