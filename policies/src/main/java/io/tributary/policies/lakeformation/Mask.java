package io.tributary.policies.lakeformation;

import java.util.Locale;

/**
 * How a grant hides a column's values in engines that can mask. Lake Formation cannot, so every
 * masked column is excluded there instead.
 */
public enum Mask {
  REDACT,
  HASH,
  NULL;

  /** The mask as declarations write it: {@code redact}, {@code hash} or {@code null}. */
  public static Mask of(String declared) {
    for (Mask mask : values()) {
      if (mask.declaredName().equals(declared)) {
        return mask;
      }
    }
    throw new IllegalArgumentException(
        "unknown mask '" + declared + "'; expected redact, hash or null");
  }

  /** The name declarations use. */
  public String declaredName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
