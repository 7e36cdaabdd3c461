package io.tributary.platform.declaration;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Compatibility#check(DataProduct, DataProduct)}.
 *
 * @param previousVersion the version in force
 * @param nextVersion the version proposed
 * @param changes every difference found, breaking or not, in document order
 * @param violations why the new declaration is refused; empty when it is accepted. The REST layer
 *     returns them as {@code errors[]} of a 409 (version conflict) or 422.
 */
public record CompatibilityReport(
    SemanticVersion previousVersion,
    SemanticVersion nextVersion,
    List<ProductChange> changes,
    List<Problem> violations) {

  public CompatibilityReport {
    Objects.requireNonNull(previousVersion, "previousVersion");
    Objects.requireNonNull(nextVersion, "nextVersion");
    changes = List.copyOf(changes);
    violations = List.copyOf(violations);
  }

  /** The changes that break consumers. */
  public List<ProductChange> breaking() {
    return changes.stream().filter(ProductChange::isBreaking).toList();
  }

  /** Whether the new declaration may replace the previous one. */
  public boolean accepted() {
    return violations.isEmpty();
  }

  /** Whether nothing but (possibly) the version differs. */
  public boolean unchanged() {
    return changes.isEmpty();
  }
}
