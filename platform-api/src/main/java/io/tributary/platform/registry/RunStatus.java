package io.tributary.platform.registry;

/** Where a provisioning run stands. */
public enum RunStatus {
  /** Recorded, not started. */
  PENDING,
  /** Planning or applying. */
  RUNNING,
  /** Applied; final. */
  SUCCEEDED,
  /** Stopped with an error, the previous state still serving; final. */
  FAILED;

  /** Whether a run in this status is finished and can no longer change. */
  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED;
  }
}
