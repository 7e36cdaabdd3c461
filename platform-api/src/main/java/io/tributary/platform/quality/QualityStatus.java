package io.tributary.platform.quality;

import java.util.Collection;
import java.util.Locale;

/** A product's quality status, from best to worst. */
public enum QualityStatus {
  /** Every check passed and the data is fresh. */
  OK,
  /** A {@code warn} check failed, or the data is stale or missing. */
  WARN,
  /** An {@code error} check failed. */
  FAILING;

  /** The name the API shows: {@code ok}, {@code warn} or {@code failing}. */
  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The worse of the two. */
  public QualityStatus worse(QualityStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /** The worst the failed results make it; {@link #OK} when none failed. */
  public static QualityStatus of(Collection<CheckResult> results) {
    QualityStatus status = OK;
    for (CheckResult result : results) {
      if (!result.passed()) {
        status = status.worse(result.severity().equals("warn") ? WARN : FAILING);
      }
    }
    return status;
  }
}
