package io.pgclone.cli;

import io.pgclone.core.mask.HashKey;
import io.pgclone.core.mask.MaskOptions;
import io.pgclone.core.mask.MaskStrategy;
import io.pgclone.core.sql.QualifiedName;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** --table, --mask and --hash-key-file of the masking commands. */
final class MaskOption {
    @Option(names = "--table", required = true, paramLabel = "SCHEMA.TABLE", description = "The table.")
    String table;

    @Option(names = "--mask", required = true, paramLabel = "JSON",
            description = "pgclone's mask option: {\"column\": \"strategy\"} or {\"column\": {\"type\": ..., params}}.")
    String mask;

    @Option(names = "--hash-key-file", paramLabel = "FILE",
            description = "A properties file whose mask.key is the secret of the hash strategy (HMAC-SHA256).")
    Path hashKeyFile;

    QualifiedName table() {
        try {
            return QualifiedName.parse(table);
        } catch (IllegalArgumentException e) {
            throw new UserError("--table: " + e.getMessage());
        }
    }

    Map<String, MaskStrategy> masks() {
        try {
            return MaskOptions.parse(mask, key());
        } catch (IllegalArgumentException e) {
            throw new UserError("--mask: " + e.getMessage());
        }
    }

    private HashKey key() {
        if (hashKeyFile == null) {
            return HashKey.NONE;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(hashKeyFile)) {
            p.load(r);
        } catch (IOException e) {
            throw new UserError("--hash-key-file: cannot read " + hashKeyFile + ": " + e.getMessage());
        }
        String k = p.getProperty("mask.key");
        if (k == null || k.isEmpty()) {
            throw new UserError("--hash-key-file: " + hashKeyFile + " has no mask.key");
        }
        return HashKey.of(k);
    }
}
