package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The connector configs the CLI deploys: the same keys as the files in config/. */
final class ConnectorConfigs {
    static final String SOURCE_CLASS = "io.pgclone.source.PgCloneSourceConnector";
    static final String SINK_CLASS = "io.pgclone.sink.PgCloneSinkConnector";
    /** Header values as plain strings: the default converter parses every header of every record. */
    static final String HEADER_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    /** A rebalance moves only the partitions that change owner: open chunks elsewhere keep loading. */
    static final String COOPERATIVE = "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";

    private ConnectorConfigs() {
    }

    static Map<String, String> source(CloneRequest r, SecretsFile secrets) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", SOURCE_CLASS);
        c.put("tasks.max", Integer.toString(r.sourceTasks()));
        connection(c, "source.", r.source(), secrets);
        c.put("clone.id", r.cloneId());
        c.put("topic.prefix", r.topicPrefix());
        c.put("tables", String.join(",", r.tables()));
        c.put("topic.creation.default.partitions", "1");
        c.put("topic.creation.default.replication.factor", "-1");
        c.put("header.converter", HEADER_CONVERTER);
        c.putAll(r.sourceSettings());
        c.putAll(r.converters());
        return c;
    }

    static Map<String, String> sink(CloneRequest r, SecretsFile secrets) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", SINK_CLASS);
        c.put("tasks.max", Integer.toString(r.sinkTasks()));
        c.put("topics.regex", r.topicPrefix().replace(".", "\\.") + "\\..*");
        c.put("topic.prefix", r.topicPrefix());
        connection(c, "target.", r.target(), secrets);
        c.put("consumer.override.metadata.max.age.ms", "500");
        c.put("consumer.override.partition.assignment.strategy", COOPERATIVE);
        c.put("header.converter", HEADER_CONVERTER);
        c.putAll(r.sinkSettings());
        c.putAll(r.converters());
        return c;
    }

    /** record.format=copy: raw COPY text batches as bytes, with no schema to convert. */
    static Map<String, String> copyFormat() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("consumer.override.max.poll.records", "64"); // each record is a batch of rows
        m.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        m.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        return m;
    }

    /** Apicurio's AvroConverter for keys and values, registering schemas as it goes. */
    static Map<String, String> avroConverters(String registryV2Url) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String side : new String[] {"key", "value"}) {
            m.put(side + ".converter", "io.apicurio.registry.utils.converter.AvroConverter");
            m.put(side + ".converter.apicurio.registry.url", registryV2Url);
            m.put(side + ".converter.apicurio.registry.auto-register", "true");
            m.put(side + ".converter.apicurio.registry.find-latest", "true");
        }
        return m;
    }

    /**
     * One side's connection: every parameter the user gave, in a JDBC URL without secrets, and the password and
     * key passphrase as references into the run's {@link SecretsFile}.
     */
    private static void connection(Map<String, String> c, String prefix, ConnInfo info, SecretsFile secrets) {
        c.put(prefix + "url", info.withoutSecrets().jdbcUrlWithParams());
        if (info.password() != null) {
            c.put(prefix + "password", secrets.reference(prefix + "password", info.password()));
        }
        String keyPassword = info.secretParams().get("sslpassword");
        if (keyPassword != null) {
            c.put(prefix + "ssl.key.password", secrets.reference(prefix + "ssl.key.password", keyPassword));
        }
    }

    /** Connector names derived from the clone id. */
    static List<String> names(String cloneId) {
        return List.of(sourceName(cloneId), sinkName(cloneId));
    }

    static String sourceName(String cloneId) {
        return "pgclone-" + cloneId + "-source";
    }

    static String sinkName(String cloneId) {
        return "pgclone-" + cloneId + "-sink";
    }
}
