package io.tributary.policies.trino;

import java.util.Objects;

/**
 * The limits of one Trino resource group.
 *
 * @param hardConcurrencyLimit how many of the group's queries run at once
 * @param maxQueued how many more wait; a query beyond both is refused ("Too many queued queries")
 * @param softMemoryLimit a share of the cluster's memory ({@code 20%}) or a size ({@code 512MB});
 *     while the group uses more, its new queries wait
 */
public record ResourceGroupLimits(int hardConcurrencyLimit, int maxQueued, String softMemoryLimit) {
  public ResourceGroupLimits {
    if (hardConcurrencyLimit < 1) {
      throw new IllegalArgumentException(
          "hardConcurrencyLimit must be at least 1, got " + hardConcurrencyLimit);
    }
    if (maxQueued < 0) {
      throw new IllegalArgumentException("maxQueued must not be negative, got " + maxQueued);
    }
    Objects.requireNonNull(softMemoryLimit, "softMemoryLimit");
  }
}
