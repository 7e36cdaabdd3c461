package io.tributary.platform.declaration;

import java.time.Duration;
import java.util.Objects;

/**
 * The service level a product promises.
 *
 * @param freshness the longest time since the last Iceberg snapshot commit before the product
 *     counts as stale; an ISO-8601 duration such as {@code PT6H} or {@code P1D}
 */
public record Sla(Duration freshness) {

  public Sla {
    Objects.requireNonNull(freshness, "freshness");
    if (freshness.isNegative() || freshness.isZero()) {
      throw new IllegalArgumentException("freshness must be positive, got " + freshness);
    }
  }
}
