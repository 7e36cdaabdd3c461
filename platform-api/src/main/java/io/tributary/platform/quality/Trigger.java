package io.tributary.platform.quality;

import java.util.Locale;

/** What started an evaluation. */
public enum Trigger {
  /** A batch of records was committed. */
  INGESTION,
  /** A derived product was refreshed. */
  REFRESH,
  /** The periodic sweep over every product. */
  SCHEDULE,
  /** An owner or admin asked for it. */
  MANUAL;

  /**
   * The name stored and shown: {@code ingestion}, {@code refresh}, {@code schedule}, {@code
   * manual}.
   */
  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
