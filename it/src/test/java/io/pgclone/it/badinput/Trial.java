package io.pgclone.it.badinput;

/** Gives one bad input to the running system in a fresh {@link World} and reports the error it answered with. */
@FunctionalInterface
public interface Trial {
    Observed run(World world) throws Exception;

    /** How a trial leaves things: every case leaves the source as it was; most leave target and topics so too. */
    default Leaves leaves() {
        return Leaves.EVERYTHING_AS_IT_WAS;
    }

    enum Leaves {
        /** Refused before anything ran: source, target and the clone's topics exactly as before. */
        EVERYTHING_AS_IT_WAS,
        /**
         * Refused while running: the source as it was, and every object the target held before as it was (the clone
         * may have created its state schema and topics before it stopped).
         */
        SOURCE_AND_EXISTING_TARGET_OBJECTS_AS_THEY_WERE,
        /** The bad input came from another session and was refused; the clone went on, and the trial checked it. */
        SOURCE_AS_IT_WAS
    }

    /**
     * The error as a user sees it.
     *
     * @param where   the setting the REST API attached it to, or the CLI option its line names
     * @param message the error itself: one line
     */
    record Observed(String where, String message) {
    }
}
