package io.tributary.platform.registry;

/** Where a product, or one version of it, stands in its life. */
public enum ProductStatus {
  /** Served to consumers: the product's current version. */
  ACTIVE,
  /** An earlier version, kept for history, replaced by a later declaration. */
  SUPERSEDED,
  /** Withdrawn by its domain; data kept per retention, consumers told. */
  RETIRED
}
