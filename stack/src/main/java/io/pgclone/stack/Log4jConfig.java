package io.pgclone.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Logging configurations for a child JVM: everything at INFO (noisy Kafka internals at WARN) to stdout, for log4j2
 * (Kafka 4) and for log4j 1 / reload4j (Kafka 3 workers), each read only by the runtime that uses it.
 */
final class Log4jConfig {
    private Log4jConfig() {
    }

    /** The log4j 1 form, for Kafka 3.x workers. */
    static Path writeLog4j1(Path dir) {
        Path file = dir.resolve("log4j.properties");
        String text = String.join("\n",
                "log4j.rootLogger=INFO, out",
                "log4j.appender.out=org.apache.log4j.ConsoleAppender",
                "log4j.appender.out.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.out.layout.ConversionPattern=[%d] %p %m (%c{1})%n",
                "log4j.logger.kafka=WARN",
                "log4j.logger.org.apache.kafka=WARN",
                "log4j.logger.org.apache.kafka.connect=INFO",
                "log4j.logger.org.reflections=ERROR",
                "log4j.logger.io.pgclone=INFO",
                "");
        return save(file, text);
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
        return save(file, text);
    }

    private static Path save(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
