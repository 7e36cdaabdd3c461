package io.tributary.platform.api.view;

import io.tributary.platform.quality.CheckResult;
import io.tributary.platform.quality.CurrentStatus;
import io.tributary.platform.quality.QualityStatus;
import io.tributary.platform.registry.QualityEvaluation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One evaluation of a product's quality checks and freshness.
 *
 * @param snapshotId the snapshot every check read, as text (JSON numbers lose 64-bit ids)
 * @param status {@code ok}, {@code warn} or {@code failing}: the worst of the results
 * @param reasons the failed results, which make the status
 * @param results every result, freshness last
 */
public record QualityView(
    String id,
    String snapshotId,
    Instant committedAt,
    String trigger,
    Instant evaluatedAt,
    String status,
    List<Reason> reasons,
    List<Reason> results) {

  /** One check's result: what was checked, how much it matters, what was found and expected. */
  public record Reason(
      String check,
      String severity,
      boolean passed,
      String observed,
      String expected,
      String message) {
    static Reason of(CheckResult result) {
      return new Reason(
          result.check(),
          result.severity(),
          result.passed(),
          result.observed(),
          result.expected(),
          result.message());
    }
  }

  /** The evaluation as stored. */
  public static QualityView of(QualityEvaluation evaluation) {
    return of(evaluation, evaluation.results());
  }

  /**
   * The evaluation with freshness measured again now, from the latest commit known (the catalog's,
   * when the caller read it, else the evaluated snapshot's).
   */
  public static QualityView current(
      QualityEvaluation evaluation, Optional<Instant> lastCommitAt, Optional<Duration> sla) {
    Optional<Instant> commit =
        lastCommitAt.isPresent() ? lastCommitAt : Optional.ofNullable(evaluation.committedAt());
    return of(evaluation, CurrentStatus.results(evaluation.results(), commit, sla, Instant.now()));
  }

  private static QualityView of(QualityEvaluation evaluation, List<CheckResult> results) {
    return new QualityView(
        evaluation.id(),
        evaluation.snapshotId() == null ? null : evaluation.snapshotId().toString(),
        evaluation.committedAt(),
        evaluation.trigger(),
        evaluation.evaluatedAt(),
        QualityStatus.of(results).displayName(),
        results.stream().filter(result -> !result.passed()).map(Reason::of).toList(),
        results.stream().map(Reason::of).toList());
  }

  /**
   * The status a listing shows: the latest evaluation's, freshness measured now from its snapshot's
   * commit time; null when the product was never evaluated. Reads nothing but the stored record.
   */
  public static String listedStatus(QualityEvaluation latest, Optional<Duration> sla) {
    return latest == null ? null : current(latest, Optional.empty(), sla).status();
  }
}
