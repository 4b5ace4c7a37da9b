package io.pgclone.cli;

/** A problem with what the user asked for (exit code 2): printed as one line, no stack trace. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
