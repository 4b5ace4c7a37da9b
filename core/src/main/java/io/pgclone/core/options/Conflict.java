package io.pgclone.core.options;

/** What the sink does when an object of the clone already exists on the target (setting {@code conflict}). */
public enum Conflict {
    /** Stop before anything is changed, naming the objects. */
    ERROR,
    /** Leave the existing object as it is; its rows are not loaded. */
    SKIP,
    /** Drop the existing object (and what depends on it) and create the clone's. */
    REPLACE,
    /** Move the existing object to {@code <name>_old} first. */
    RENAME
}
