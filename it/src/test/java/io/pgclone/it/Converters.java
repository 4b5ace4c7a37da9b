package io.pgclone.it;

import io.pgclone.testkit.Servers;

import java.util.Map;

/** Connector-level converter settings for the converters the tests run through. */
final class Converters {
    private Converters() {
    }

    static Map<String, String> settings(String converter) {
        return switch (converter) {
            case "json" -> Map.of();
            case "avro" -> avro(Servers.registry().registryV2Url());
            case "copy" -> Map.of("record.format", "copy",
                    "key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                    "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
            default -> throw new IllegalArgumentException("unknown converter " + converter);
        };
    }

    /** Apicurio's AvroConverter for keys and values, registering schemas as it goes. */
    static Map<String, String> avro(String registryUrl) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String side : new String[] {"key", "value"}) {
            m.put(side + ".converter", "io.apicurio.registry.utils.converter.AvroConverter");
            m.put(side + ".converter.apicurio.registry.url", registryUrl);
            m.put(side + ".converter.apicurio.registry.auto-register", "true");
            m.put(side + ".converter.apicurio.registry.find-latest", "true");
        }
        return m;
    }
}
