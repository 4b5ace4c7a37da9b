package io.pgclone.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LocalStackIT {

    @Test
    void shouldStartABrokerAndAWorkerWhoseRestApiAnswers() throws Exception {
        Path plugins = Files.createTempDirectory("plugins");
        try (LocalStack stack = LocalStack.start(null, java.util.List.of(plugins), o -> o.heap("512m"))) {
            JsonNode info = stack.worker().rest().serverInfo();
            assertThat(info.get("version").asText()).isEqualTo(Versions.kafka());
            assertThat(stack.worker().rest().connectors()).isEmpty();
            assertThat(stack.broker().bootstrapServers()).startsWith("127.0.0.1:");
        } finally {
            Files.delete(plugins);
        }
    }
}
