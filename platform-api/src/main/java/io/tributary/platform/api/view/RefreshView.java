package io.tributary.platform.api.view;

import io.tributary.platform.registry.RefreshRun;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** A refresh of a SQL-derived product as clients see it. */
public record RefreshView(
    String id,
    String product,
    String trigger,
    String status,
    Map<String, Long> inputSnapshots,
    Long outputSnapshot,
    long rowsWritten,
    long rowCount,
    Instant startedAt,
    Instant finishedAt,
    Long durationMillis,
    String error) {

  public static RefreshView of(RefreshRun run) {
    return new RefreshView(
        run.id(),
        run.domain() + "." + run.product(),
        run.trigger(),
        run.status().name().toLowerCase(Locale.ROOT),
        run.inputSnapshots(),
        run.outputSnapshot(),
        run.rowsWritten(),
        run.rowCount(),
        run.startedAt(),
        run.finishedAt(),
        run.duration() == null ? null : run.duration().toMillis(),
        run.error());
  }
}
