package io.tributary.platform.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One refresh of a SQL-derived product: what started it, which input snapshots it read, what it
 * wrote.
 *
 * @param domain the derived product's domain
 * @param product the derived product
 * @param id a ULID, unique and time-ordered within the product
 * @param trigger {@code schedule}, {@code input-changed}, {@code manual} or {@code declared}
 * @param status {@link RunStatus#RUNNING} while it runs, then SUCCEEDED or FAILED
 * @param inputSnapshots each input ({@code domain.product}) to the Iceberg snapshot id read; an
 *     input without any snapshot (never written) maps to null
 * @param outputSnapshot the product's snapshot after the refresh; null unless it succeeded and the
 *     product has a snapshot
 * @param rowsWritten rows the refresh inserted, updated or deleted; -1 when the engine does not
 *     report them (Athena, for {@code MERGE} and {@code DELETE})
 * @param rowCount rows in the product after the refresh
 * @param startedAt when it started
 * @param finishedAt when it finished; null while running
 * @param error why it failed; null unless it failed
 */
public record RefreshRun(
    String domain,
    String product,
    String id,
    String trigger,
    RunStatus status,
    Map<String, Long> inputSnapshots,
    Long outputSnapshot,
    long rowsWritten,
    long rowCount,
    Instant startedAt,
    Instant finishedAt,
    String error) {
  public RefreshRun {
    Names.requireDomain(domain);
    Objects.requireNonNull(product, "product");
    if (!Ulid.isValid(id)) {
      throw new IllegalArgumentException("invalid refresh id: '" + id + "' is not a ULID");
    }
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(status, "status");
    inputSnapshots = Collections.unmodifiableMap(new LinkedHashMap<>(inputSnapshots));
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** How long it ran; null while running. */
  public Duration duration() {
    return finishedAt == null ? null : Duration.between(startedAt, finishedAt);
  }
}
