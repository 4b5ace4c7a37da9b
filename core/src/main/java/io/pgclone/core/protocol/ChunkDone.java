package io.pgclone.core.protocol;

/**
 * The body of a {@link ControlMessage#CHUNK_DONE} message: a chunk attempt's rows are all in Kafka, for consumers
 * following a clone's progress from the control topic.
 */
public record ChunkDone(String table, String topic, int chunk, long attempt, long rows) {
}
