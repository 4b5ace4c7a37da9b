package io.pgclone.core.options;

/** What the source does when the exported snapshot is lost before every chunk is read (setting {@code snapshot.lost}). */
public enum SnapshotLost {
    /** Read the remaining chunks under a new snapshot, and say so. */
    CONTINUE,
    /** Stop the clone. */
    FAIL,
    /** Start the whole clone over under a new snapshot. */
    RESTART
}
