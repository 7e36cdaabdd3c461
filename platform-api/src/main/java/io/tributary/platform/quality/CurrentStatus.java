package io.tributary.platform.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored evaluation brought up to now: its checks stand (they read a fixed snapshot), but
 * freshness ages, so it is measured again from the latest commit time, and data goes stale between
 * evaluations without running a query.
 */
public final class CurrentStatus {
  private CurrentStatus() {}

  /** The results with freshness measured at {@code now}; unchanged when no commit is known. */
  public static List<CheckResult> results(
      List<CheckResult> stored,
      Optional<Instant> lastCommitAt,
      Optional<Duration> sla,
      Instant now) {
    if (lastCommitAt.isEmpty()) {
      return stored;
    }
    CheckResult freshness = Freshness.of(lastCommitAt, sla, now);
    return stored.stream()
        .map(result -> result.check().equals(CheckResult.FRESHNESS) ? freshness : result)
        .toList();
  }
}
