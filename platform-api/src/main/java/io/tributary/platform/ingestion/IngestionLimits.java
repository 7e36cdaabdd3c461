package io.tributary.platform.ingestion;

import java.time.Duration;

/**
 * How much one batch may hold and how far back an idempotency key is remembered.
 *
 * @param maxRecords the most records one batch may hold
 * @param maxBytes the largest request body, in bytes
 * @param idempotencyWindow how long a batch's idempotency key makes a retry a no-op
 * @param idempotencySnapshots how many of the table's latest snapshots are searched for a key
 */
public record IngestionLimits(
    int maxRecords, long maxBytes, Duration idempotencyWindow, int idempotencySnapshots) {

  /** The configuration keys, named in the errors a client gets when a batch is over a limit. */
  public static final String MAX_RECORDS_KEY = "tributary.ingestion.max-records";

  public static final String MAX_BYTES_KEY = "tributary.ingestion.max-bytes";

  public IngestionLimits {
    if (maxRecords < 1) {
      throw new IllegalArgumentException(MAX_RECORDS_KEY + " must be at least 1");
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException(MAX_BYTES_KEY + " must be at least 1");
    }
    if (idempotencyWindow.isNegative() || idempotencySnapshots < 1) {
      throw new IllegalArgumentException(
          "the idempotency window must not be negative and cover at least one snapshot");
    }
  }
}
