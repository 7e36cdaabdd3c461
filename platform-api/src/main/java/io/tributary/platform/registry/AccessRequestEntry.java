package io.tributary.platform.registry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A new access request, as the requester asks for it.
 *
 * @param domain the domain of the requested product
 * @param product the requested product
 * @param requester the user the grant would go to, as {@code user:<requester>}
 * @param columns the requested columns; empty for all of them
 * @param purpose why the requester needs the data
 * @param duration how long the grant lasts once approved, counted from the approval
 */
public record AccessRequestEntry(
    String domain,
    String product,
    String requester,
    Optional<List<String>> columns,
    String purpose,
    Duration duration) {
  public AccessRequestEntry {
    Names.requireDomain(domain);
    Names.requireProduct(product);
    Names.requireText(requester, "requester");
    columns = Objects.requireNonNull(columns, "columns").map(List::copyOf);
    Names.requireText(purpose, "purpose");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("an access request's duration must be positive");
    }
  }
}
