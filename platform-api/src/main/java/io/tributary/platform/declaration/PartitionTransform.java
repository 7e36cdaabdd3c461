package io.tributary.platform.declaration;

import java.util.Locale;

/** The Iceberg partition transforms a declaration may use. */
public enum PartitionTransform {
  IDENTITY,
  YEAR,
  MONTH,
  DAY,
  HOUR,
  /** {@code bucket[N]}: hash into N buckets. */
  BUCKET,
  /** {@code truncate[W]}: truncate to width W. */
  TRUNCATE;

  /** Bucket and truncate take a number in square brackets. */
  public boolean takesArgument() {
    return this == BUCKET || this == TRUNCATE;
  }

  public String declaredName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
