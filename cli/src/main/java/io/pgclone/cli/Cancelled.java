package io.pgclone.cli;

/** The clone was cancelled (exit code 3); it can be resumed. */
final class Cancelled extends RuntimeException {
    Cancelled(String message) {
        super(message);
    }
}
