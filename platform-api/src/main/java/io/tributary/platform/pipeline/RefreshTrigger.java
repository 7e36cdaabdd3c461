package io.tributary.platform.pipeline;

import java.util.Locale;

/** What started a refresh, as the run history names it. */
public enum RefreshTrigger {
  /** The product's schedule came due. */
  SCHEDULE,
  /** An input committed a snapshot the last refresh did not read. */
  INPUT_CHANGED,
  /** An owner asked for it ({@code POST .../refresh}, or an EventBridge rule in AWS). */
  MANUAL,
  /** The product was declared and never refreshed. */
  DECLARED;

  public String declaredName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
