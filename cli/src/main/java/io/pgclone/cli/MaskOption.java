package io.pgclone.cli;

import io.pgclone.core.mask.HashKey;
import io.pgclone.core.mask.MaskOptions;
import io.pgclone.core.mask.MaskStrategy;
import io.pgclone.core.sql.QualifiedName;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

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
        try {
            return HashKey.fromFile(hashKeyFile);
        } catch (IllegalArgumentException e) {
            throw new UserError("--hash-key-file: " + e.getMessage());
        }
    }
}
