package io.tributary.platform.registry;

import io.tributary.platform.quality.CheckResult;
import io.tributary.platform.quality.QualityStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An evaluation to store; the store gives it its id and time.
 *
 * @param snapshotId the snapshot the checks read; null when the table had none
 * @param committedAt when that snapshot was committed; null with it
 * @param trigger {@code ingestion}, {@code refresh}, {@code schedule} or {@code manual}
 */
public record QualityEvaluationEntry(
    String domain,
    String product,
    Long snapshotId,
    Instant committedAt,
    String trigger,
    QualityStatus status,
    List<CheckResult> results) {
  public QualityEvaluationEntry {
    Names.requireDomain(domain);
    Names.requireText(product, "product");
    Names.requireText(trigger, "trigger");
    Objects.requireNonNull(status, "status");
    results = List.copyOf(results);
  }
}
