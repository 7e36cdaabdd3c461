package io.tributary.platform.ingestion;

/**
 * One thing wrong with a batch.
 *
 * @param pointer a JSON pointer into the batch, {@code /<index>/<field>...}; for NDJSON the index
 *     counts the records (non-blank lines) from 0
 * @param message what is wrong, for a person
 */
public record RecordProblem(String pointer, String message) {}
