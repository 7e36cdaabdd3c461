package io.tributary.platform.declaration;

import java.util.Locale;

/** The refinement zone of a product: a tag on it, never a separate copy of the data. */
public enum Zone {
  /** Bronze: as it arrived. */
  RAW,
  /** Silver: cleaned and conformed. */
  CURATED,
  /** Gold: aggregated for analysis. */
  ANALYTICS;

  public String declaredName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
