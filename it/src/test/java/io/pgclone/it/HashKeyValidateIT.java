package io.pgclone.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.ConfigFiles;
import io.pgclone.testkit.ConfigFiles.Connector;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connect's REST validate, on a worker with the file config provider, refuses a Mask hash key the worker could not
 * resolve (a key file without mask.key, a provider the worker lacks), on hash.key and without quoting the value;
 * a key it resolves passes.
 */
class HashKeyValidateIT {
    private static final String SOURCE_CLASS = "io.pgclone.source.PgCloneSourceConnector";
    private final PostgresServer pg = Servers.postgres(17);

    @Test
    void validatePutsAnUnresolvedKeyOnHashKeyAndPassesAResolvedOne() throws Exception {
        String db = Databases.fresh(pg, "hkv");
        pg.execute(db, "CREATE TABLE public.people (id bigint PRIMARY KEY, email text)");
        Path dir = Files.createTempDirectory("pgclone-hkv");
        Path noKey = Files.writeString(dir.resolve("nokey.properties"), "mask.kee=typo\n");
        Path good = Files.writeString(dir.resolve("good.properties"), "mask.key=validated key\n");
        Connector c = ConfigFiles.load("clone-table.json").named(CloneHarness.uniquePrefix("hkv") + "-source")
                .connectedTo("source", pg, db).with("tables", "public.people").with("transforms", "mask")
                .with("transforms.mask.type", "io.pgclone.transforms.Mask")
                .with("transforms.mask.mask", "{\"email\": \"hash\"}");

        for (String unresolved : List.of("${file:" + noKey + ":mask.key}", "${vault:secret/pgclone:mask.key}")) {
            Map<String, List<String>> errors = errors(c.with("transforms.mask.hash.key", unresolved));
            assertThat(errors).as(unresolved).containsOnlyKeys("transforms.mask.hash.key");
            assertThat(errors.get("transforms.mask.hash.key")).singleElement().asString().contains("not resolved")
                    .doesNotContain("nokey.properties").doesNotContain("vault");
        }
        assertThat(errors(c.with("transforms.mask.hash.key", "${file:" + good + ":mask.key}"))).isEmpty();
    }

    private static Map<String, List<String>> errors(Connector c) {
        Map<String, String> config = new HashMap<>(c.config());
        config.put("name", c.name());
        JsonNode result = Servers.stack().worker().rest().validate(SOURCE_CLASS, config);
        Map<String, List<String>> out = new HashMap<>();
        for (JsonNode v : result.path("configs")) {
            List<String> errs = new ArrayList<>();
            v.path("value").path("errors").forEach(e -> errs.add(e.asText()));
            if (!errs.isEmpty()) {
                out.computeIfAbsent(v.path("value").path("name").asText(), k -> new ArrayList<>()).addAll(errs);
            }
        }
        return out;
    }
}
