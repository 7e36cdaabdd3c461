package io.tributary.platform.pipeline;

import java.util.Locale;

/** What started a refresh, as the run history names it. */
public enum RefreshTrigger {
  /** The product's schedule came due (in AWS: its EventBridge schedule rule, a trigger client). */
  SCHEDULE,
  /**
   * An input committed a snapshot the last refresh did not read (in AWS: its EventBridge rule on
   * the inputs' Glue table changes, a trigger client).
   */
  INPUT_CHANGED,
  /** An owner asked for it ({@code POST .../refresh} without a trigger). */
  MANUAL,
  /** The product was declared and never refreshed. */
  DECLARED;

  public String declaredName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
