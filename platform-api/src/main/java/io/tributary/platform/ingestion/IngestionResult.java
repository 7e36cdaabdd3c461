package io.tributary.platform.ingestion;

/**
 * What a batch did.
 *
 * @param records how many records the batch held
 * @param mode {@code upsert} (rows replace those with the same primary key) or {@code append}
 * @param snapshotId the Iceberg snapshot that holds the batch
 * @param idempotencyKey the batch's {@code Idempotency-Key}, or null
 * @param replayed true when the key named a batch written before, and nothing was written now
 */
public record IngestionResult(
    int records, String mode, long snapshotId, String idempotencyKey, boolean replayed) {}
