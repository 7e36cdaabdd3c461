package io.tributary.platform.registry;

import io.tributary.platform.quality.CheckResult;
import io.tributary.platform.quality.QualityStatus;
import java.time.Instant;
import java.util.List;

/**
 * One stored evaluation of a product's quality checks and freshness.
 *
 * @param id a ULID: evaluations sort newest first by it
 * @param snapshotId the snapshot every check read; null when the table had none
 * @param committedAt when that snapshot was committed; null with it
 * @param evaluatedAt when the evaluation was stored
 * @param status the worst of the results
 * @param results every check's result, and freshness last
 */
public record QualityEvaluation(
    String id,
    String domain,
    String product,
    Long snapshotId,
    Instant committedAt,
    String trigger,
    Instant evaluatedAt,
    QualityStatus status,
    List<CheckResult> results) {
  public QualityEvaluation {
    results = List.copyOf(results);
  }
}
