package io.pgclone.cli;

import io.pgclone.core.mask.HashKey;
import io.pgclone.core.mask.MaskOptions;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The source connector's mask settings for --mask, --masks and --hash-key-file: masks the source server applies
 * inside its COPY query, so a masked clone runs in either record format and no original value leaves the source.
 */
final class MaskSettings {
    private MaskSettings() {
    }

    static Map<String, String> of(String mask, String masks, Path hashKeyFile) {
        Map<String, String> m = new LinkedHashMap<>();
        if (mask == null && masks == null) {
            if (hashKeyFile != null) {
                throw new UserError("--hash-key-file: there is no mask to use it (give --mask or --masks)");
            }
            return m;
        }
        try {
            if (mask != null) {
                MaskOptions.parse(mask, HashKey.NONE);
            }
            if (masks != null) {
                MaskOptions.parseByTable(masks, HashKey.NONE);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError((mask != null ? "--mask" : "--masks") + ": " + e.getMessage());
        }
        if (mask != null) {
            m.put("mask", mask);
        }
        if (masks != null) {
            m.put("masks", masks);
        }
        if (hashKeyFile != null) {
            Path abs = hashKeyFile.toAbsolutePath();
            try {
                HashKey.fromFile(abs); // the file the worker will read must give a key, or the clone must not start
            } catch (IllegalArgumentException e) {
                throw new UserError("--hash-key-file: " + e.getMessage());
            }
            // resolved by the worker's file config provider: the key never appears in the connector config
            m.put("mask.hash.key", "${file:" + abs + ":" + HashKey.FILE_PROPERTY + "}");
        }
        return m;
    }
}
