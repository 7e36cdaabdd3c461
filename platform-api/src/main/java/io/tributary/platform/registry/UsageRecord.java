package io.tributary.platform.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * The engine's statistics of one query the platform ran for a consumer.
 *
 * @param domain the domain of the product read
 * @param product the product read
 * @param consumer the user the query ran as
 * @param at when the query finished
 * @param queryId the engine's id of the query (the last one, when a read took several)
 * @param queries how many engine queries the read took
 * @param bytesRead bytes the engine read from storage (physical input)
 * @param processedBytes bytes the engine processed
 * @param cpuMillis CPU time, in milliseconds
 * @param wallMillis wall time, in milliseconds
 * @param rows rows the engine processed
 */
public record UsageRecord(
    String domain,
    String product,
    String consumer,
    Instant at,
    String queryId,
    int queries,
    long bytesRead,
    long processedBytes,
    long cpuMillis,
    long wallMillis,
    long rows) {
  public UsageRecord {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(queryId, "queryId");
  }
}
