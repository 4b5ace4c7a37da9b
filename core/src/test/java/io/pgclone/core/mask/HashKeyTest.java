package io.pgclone.core.mask;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A key that is set must be a secret: refused when empty, missing from its file, or an unresolved reference. */
class HashKeyTest {

    @Test
    void aSettingGivesNoKeyWhenUnsetAndRefusesWhatIsNoSecret() {
        assertThat(HashKey.fromSetting("hash.key", null)).isSameAs(HashKey.NONE);
        assertThat(HashKey.fromSetting("hash.key", "s3cret").hex("v")).isEqualTo(HashKey.of("s3cret").hex("v"));
        assertThatThrownBy(() -> HashKey.fromSetting("hash.key", "")).hasMessageStartingWith("hash.key: ")
                .hasMessageContaining("empty");
        for (String ref : new String[] {"${file:/etc/s.properties:mask.key}", "${vault:secret/pg:key}",
                "pre${env:KEY}post", "${file::x}"}) {
            assertThatThrownBy(() -> HashKey.fromSetting("hash.key", ref)).as(ref).hasMessageStartingWith("hash.key: ")
                    .hasMessageContaining("not resolved").hasMessageNotContaining(ref);
        }
        // no colon: not a reference Connect would resolve, so a (strange) secret like any other
        assertThat(HashKey.fromSetting("hash.key", "${abc}").isKeyed()).isTrue();
        assertThatThrownBy(() -> HashKey.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyFileMustHoldMaskKey(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.properties"), "# secrets\npassword=pw\nmask.key = k 1\n");
        assertThat(HashKey.fromFile(good).hex("v")).isEqualTo(HashKey.of("k 1").hex("v"));
        Path none = Files.writeString(dir.resolve("none.properties"), "mask_key=hunter2\n");
        assertThatThrownBy(() -> HashKey.fromFile(none)).hasMessageContaining("none.properties has no mask.key")
                .hasMessageNotContaining("hunter2");
        Path empty = Files.writeString(dir.resolve("empty.properties"), "mask.key=\n");
        assertThatThrownBy(() -> HashKey.fromFile(empty)).hasMessageContaining("mask.key: the hash key is empty");
        Path ref = Files.writeString(dir.resolve("ref.properties"), "mask.key=${env:PGCLONE_KEY}\n");
        assertThatThrownBy(() -> HashKey.fromFile(ref)).hasMessageContaining("not resolved")
                .hasMessageNotContaining("PGCLONE_KEY");
        assertThatThrownBy(() -> HashKey.fromFile(dir.resolve("absent.properties")))
                .hasMessageContaining("cannot read").hasMessageContaining("absent.properties");
        Path bad = Files.writeString(dir.resolve("bad.properties"), "mask.key=\\uZZZZhunter2\n");
        assertThatThrownBy(() -> HashKey.fromFile(bad)).hasMessageContaining("cannot read")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void neverShowsTheKey() {
        assertThat(HashKey.of("hunter2").toString()).doesNotContain("hunter2");
        assertThat(HashKey.NONE.toString()).isEqualTo("no key");
    }
}
