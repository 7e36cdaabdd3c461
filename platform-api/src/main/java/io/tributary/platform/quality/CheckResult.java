package io.tributary.platform.quality;

import java.util.Objects;

/**
 * The outcome of one check, or of the freshness measurement.
 *
 * @param check what was checked, such as {@code accepted_values:status} or {@code freshness}
 * @param severity {@code error} or {@code warn}: what a failure makes the status
 * @param passed whether it passed
 * @param observed what the engine found, such as {@code 2} (violating rows) or {@code PT3H}
 * @param expected what the declaration asks, such as {@code 0} or {@code at most PT1H}
 * @param message a sentence for people, saying what is wrong when it failed
 */
public record CheckResult(
    String check,
    String severity,
    boolean passed,
    String observed,
    String expected,
    String message) {

  /** The name of the freshness result. */
  public static final String FRESHNESS = "freshness";

  public CheckResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }
}
