package io.tributary.platform.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Freshness as a check: the latest snapshot's age against {@code sla.freshness}. */
public final class Freshness {
  private Freshness() {}

  /**
   * The freshness result: passed when the latest commit is no older than the SLA (or there is no
   * SLA); a {@code warn} failure when it is older, or when there is no data yet.
   */
  public static CheckResult of(
      Optional<Instant> lastCommitAt, Optional<Duration> sla, Instant now) {
    String expected = sla.map(limit -> "at most " + limit).orElse(null);
    if (lastCommitAt.isEmpty()) {
      return new CheckResult(
          CheckResult.FRESHNESS, "warn", false, null, expected, "no data yet: nothing committed");
    }
    Duration age = Duration.between(lastCommitAt.get(), now);
    if (age.isNegative()) {
      age = Duration.ZERO;
    }
    if (sla.isEmpty() || age.compareTo(sla.get()) <= 0) {
      return new CheckResult(
          CheckResult.FRESHNESS,
          "warn",
          true,
          age.toString(),
          expected,
          "the latest data was committed %s ago".formatted(age));
    }
    return new CheckResult(
        CheckResult.FRESHNESS,
        "warn",
        false,
        age.toString(),
        expected,
        "stale: the latest data was committed %s ago (at %s), beyond the SLA of %s"
            .formatted(age, lastCommitAt.get(), sla.get()));
  }
}
