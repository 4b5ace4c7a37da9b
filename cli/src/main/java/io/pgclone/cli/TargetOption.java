package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;
import picocli.CommandLine.Option;

/** The --target option of the commands that read or change a clone's state in the target. */
final class TargetOption {
    @Option(names = "--target", required = true, paramLabel = "CONNINFO",
            description = "The target server the clone writes to (its pgclone schema holds the clone's state).")
    String target;

    ConnInfo connInfo() {
        ConnInfo info = ConnectionCheck.parse("--target", target);
        info = ConnectionCheck.check("--target", info);
        return info;
    }
}
