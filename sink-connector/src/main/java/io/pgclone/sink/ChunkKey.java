package io.pgclone.sink;

/** One chunk of one table of one clone. */
record ChunkKey(String cloneId, String topic, int chunk) {
}
