package io.pgclone.it;

import io.pgclone.testkit.ConfigFiles;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this checks what can be checked without it: the
 * services, ports, the plugin mount matching the worker's plugin.path, and that it deploys the config/ files whose
 * hosts are its own services.
 */
class DockerComposeTest {
    private static final Path REPO = Path.of(System.getProperty("pgclone.repo.dir", ".."));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws Exception {
        try (Reader r = Files.newBufferedReader(REPO.resolve("docker-compose.yml"))) {
            Map<String, Object> doc = new Yaml().load(r);
            return (Map<String, Object>) doc.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws Exception {
        return (Map<String, Object>) services().get(name);
    }

    @Test
    void shouldDefineTheWholeStack() throws Exception {
        assertThat(services()).containsKeys("kafka", "connect", "schema-registry", "source-db", "target-db", "deploy");
        assertThat((List<String>) service("connect").get("ports")).contains("8083:8083");
        assertThat((List<String>) service("kafka").get("ports")).contains("9092:9092");
        assertThat(service("kafka").get("environment").toString()).contains("KAFKA_PROCESS_ROLES=broker,controller");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldMountTheBuiltPluginWhereTheWorkerLooksForIt() throws Exception {
        Properties worker = new Properties();
        try (Reader r = Files.newBufferedReader(REPO.resolve("config/connect-distributed.properties"))) {
            worker.load(r);
        }
        List<String> volumes = (List<String>) service("connect").get("volumes");
        String pluginMount = volumes.stream().filter(v -> v.startsWith("./connect-plugin/target/plugin:")).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin mount in " + volumes));
        assertThat(pluginMount.split(":")[1]).isEqualTo(worker.getProperty("plugin.path"));
        assertThat(volumes).anyMatch(v -> v.startsWith("./config:"));
        assertThat(service("connect").get("command").toString()).contains("connect-distributed.properties");
        assertThat(worker.getProperty("bootstrap.servers")).isEqualTo("kafka:9092");
    }

    @Test
    void shouldDeployTheConfigFilesAgainstItsOwnServices() throws Exception {
        String deploy = service("deploy").get("command").toString();
        assertThat(deploy).contains("/config/sink.json").contains("/config/clone-table.json");
        assertThat(ConfigFiles.load("clone-table.json").config().get("source.host")).isEqualTo("source-db");
        assertThat(ConfigFiles.load("sink.json").config().get("target.host")).isEqualTo("target-db");
        assertThat(services()).containsKeys("source-db", "target-db");
        Properties secrets = new Properties();
        try (Reader r = Files.newBufferedReader(REPO.resolve("config/secrets.properties"))) {
            secrets.load(r);
        }
        assertThat(secrets).containsKeys("source.password", "target.password");
    }
}
