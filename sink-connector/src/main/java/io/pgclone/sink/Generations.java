package io.pgclone.sink;

/**
 * A clone's snapshot generations as the target records them: chunks of generations older than
 * {@code oldestCounting} were discarded by a start-over; {@code newestApplied} is the newest whose manifest (and so
 * whose tables) the target has applied. {1, 0} before the first manifest.
 */
record Generations(int oldestCounting, int newestApplied) {
    static final Generations NONE_APPLIED = new Generations(1, 0);

    Generations withOldest(int oldest) {
        return oldest > oldestCounting ? new Generations(oldest, newestApplied) : this;
    }
}
