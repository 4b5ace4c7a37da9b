package io.pgclone.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --hash-key-file is checked before anything is deployed: a file the worker would resolve to no key is refused. */
class MaskSettingsTest {
    private static final String MASK = "{\"email\": \"hash\"}";

    @Test
    void refusesAKeyFileWithoutMaskKey(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("secrets.properties"), "mask.kee=typo\npassword=x\n");
        assertThatThrownBy(() -> MaskSettings.of(MASK, null, f)).isInstanceOf(UserError.class)
                .hasMessageStartingWith("--hash-key-file: ").hasMessageContaining("no mask.key")
                .hasMessageNotContaining("typo");
    }

    @Test
    void refusesAKeyFileWhoseKeyIsEmptyOrAReference(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.properties"), "mask.key=\n");
        assertThatThrownBy(() -> MaskSettings.of(MASK, null, empty)).isInstanceOf(UserError.class)
                .hasMessageStartingWith("--hash-key-file: ").hasMessageContaining("empty");
        Path ref = Files.writeString(dir.resolve("ref.properties"), "mask.key=${env:MASK_KEY}\n");
        assertThatThrownBy(() -> MaskSettings.of(MASK, null, ref)).isInstanceOf(UserError.class)
                .hasMessageStartingWith("--hash-key-file: ").hasMessageContaining("not resolved");
    }

    @Test
    void aGoodKeyFileReachesTheTransformAsAReferenceNeverAsTheKey(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("secrets.properties"), "mask.key=very secret\n");
        var settings = MaskSettings.of(MASK, null, f);
        assertThat(settings.get("mask.hash.key")).matches("\\$\\{[^}]+:[^}]+}"); // for the worker to resolve
        assertThat(settings.values()).noneMatch(v -> v.contains("very secret"));
    }
}
