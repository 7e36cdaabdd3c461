package io.tributary.platform.quality;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an evaluation reads: whether the product's table exists, and its current snapshot.
 *
 * @param exists false until provisioning created the table
 * @param snapshotId the current snapshot; empty while the table has no data
 * @param committedAt when that snapshot was committed
 */
public record TableState(boolean exists, OptionalLong snapshotId, Optional<Instant> committedAt) {
  public TableState {
    Objects.requireNonNull(snapshotId, "snapshotId");
    Objects.requireNonNull(committedAt, "committedAt");
  }

  public static TableState missing() {
    return new TableState(false, OptionalLong.empty(), Optional.empty());
  }

  public static TableState empty() {
    return new TableState(true, OptionalLong.empty(), Optional.empty());
  }

  public static TableState at(long snapshotId, Instant committedAt) {
    return new TableState(true, OptionalLong.of(snapshotId), Optional.of(committedAt));
  }
}
