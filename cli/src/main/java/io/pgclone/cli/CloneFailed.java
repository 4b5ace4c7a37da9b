package io.pgclone.cli;

/** The clone ran and failed (exit code 1). */
final class CloneFailed extends RuntimeException {
    CloneFailed(String message) {
        super(message);
    }
}
