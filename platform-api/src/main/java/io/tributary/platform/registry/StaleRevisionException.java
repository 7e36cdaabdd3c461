package io.tributary.platform.registry;

import java.util.OptionalLong;

/**
 * A write's expected revision did not match the stored one: someone else changed (or created) the
 * item first. Nothing was written. Rendered as 412 Precondition Failed, the answer to a failed
 * {@code If-Match} or {@code If-None-Match}.
 */
public final class StaleRevisionException extends RegistryException {
  private final String target;
  private final ExpectedRevision expected;
  private final OptionalLong currentRevision;

  public StaleRevisionException(
      String target, ExpectedRevision expected, OptionalLong currentRevision) {
    super(
        "registry.stale_revision",
        412,
        target
            + ": expected "
            + expected
            + " but "
            + (currentRevision.isPresent()
                ? "it is at revision " + currentRevision.getAsLong()
                : "it does not exist"),
        null);
    this.target = target;
    this.expected = expected;
    this.currentRevision = currentRevision;
  }

  /** What the write was for, such as {@code domain sales}. */
  public String target() {
    return target;
  }

  /** The precondition the writer gave. */
  public ExpectedRevision expected() {
    return expected;
  }

  /** The stored revision, empty when the item does not exist. */
  public OptionalLong currentRevision() {
    return currentRevision;
  }
}
