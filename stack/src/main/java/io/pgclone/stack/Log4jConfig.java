package io.pgclone.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A log4j2 configuration for a child JVM: everything at INFO (noisy Kafka internals at WARN) to stdout. */
final class Log4jConfig {
    private Log4jConfig() {
    }

    static Path write(Path dir) {
        Path file = dir.resolve("log4j2.properties");
        String text = String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = out",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c{1})%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.out.ref = out",
                "logger.kafka.name = kafka",
                "logger.kafka.level = warn",
                "logger.kafkaorg.name = org.apache.kafka",
                "logger.kafkaorg.level = warn",
                "logger.connect.name = org.apache.kafka.connect",
                "logger.connect.level = info",
                "logger.reflections.name = org.reflections",
                "logger.reflections.level = error",
                "logger.pgclone.name = io.pgclone",
                "logger.pgclone.level = info",
                "");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
