package io.tributary.platform.declaration;

import java.util.Objects;

/**
 * One difference between two versions of a data product, as {@link Compatibility} sees it.
 *
 * @param pointer where, as a JSON pointer into the new declaration (for something removed: the list
 *     it was removed from)
 * @param impact whether consumers of the old version break
 * @param reason what changed and why it has that impact, in plain English
 */
public record ProductChange(String pointer, Impact impact, String reason) {

  /** Whether a change breaks consumers. */
  public enum Impact {
    /** Consumers of the previous version keep working; a minor or patch bump is enough. */
    COMPATIBLE,
    /** Consumers may break: the major version must rise. */
    BREAKING
  }

  public ProductChange {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(impact, "impact");
    Objects.requireNonNull(reason, "reason");
  }

  static ProductChange compatible(String pointer, String reason) {
    return new ProductChange(pointer, Impact.COMPATIBLE, reason);
  }

  static ProductChange breaking(String pointer, String reason) {
    return new ProductChange(pointer, Impact.BREAKING, reason);
  }

  public boolean isBreaking() {
    return impact == Impact.BREAKING;
  }

  @Override
  public String toString() {
    return impact + " " + pointer + ": " + reason;
  }
}
