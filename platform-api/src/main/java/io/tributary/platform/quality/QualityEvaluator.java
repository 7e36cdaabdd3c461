package io.tributary.platform.quality;

import io.tributary.platform.declaration.QualityCheck;
import io.tributary.platform.query.QueryStatistics;
import io.tributary.platform.query.TableReference;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs a product's checks on one snapshot and weighs them, with freshness, into a status. */
public final class QualityEvaluator {
  private final QualityEngine engine;

  public QualityEvaluator(QualityEngine engine) {
    this.engine = engine;
  }

  /**
   * What one evaluation found.
   *
   * @param statistics what the checks' queries cost the engine (failed ones excepted)
   */
  public record Report(
      QualityStatus status, List<CheckResult> results, QueryStatistics statistics) {
    public Report {
      results = List.copyOf(results);
    }

    /** The failed results: the reasons for the status. */
    public List<CheckResult> reasons() {
      return results.stream().filter(result -> !result.passed()).toList();
    }
  }

  /**
   * Evaluates the checks against the table's current snapshot (every check reads that one), and
   * freshness against the SLA. A table that does not exist yet runs no checks.
   */
  public Report evaluate(
      List<QualityCheck> checks,
      TableReference table,
      TableState state,
      Optional<Duration> sla,
      Instant now) {
    List<CheckResult> results = new ArrayList<>();
    QueryStatistics[] statistics = {QueryStatistics.NONE};
    if (state.exists()) {
      for (QualityCheck check : checks) {
        results.add(
            run(
                check,
                table.schema(),
                CheckQueries.sql(check, table, state.snapshotId()),
                statistics));
      }
    }
    results.add(
        state.exists()
            ? Freshness.of(state.committedAt(), sla, now)
            : new CheckResult(
                CheckResult.FRESHNESS,
                "warn",
                false,
                null,
                sla.map(limit -> "at most " + limit).orElse(null),
                "no data yet: the table is not provisioned"));
    return new Report(QualityStatus.of(results), results, statistics[0]);
  }

  private CheckResult run(
      QualityCheck check, String domain, String sql, QueryStatistics[] statistics) {
    String name = CheckQueries.name(check);
    String severity = check.severity().declaredName();
    Optional<BigDecimal> value;
    try {
      QualityEngine.Answer answer = engine.scalar(domain, sql);
      statistics[0] = statistics[0].plus(answer.statistics());
      value = answer.value();
    } catch (QualityQueryException failed) {
      return new CheckResult(
          name,
          severity,
          false,
          null,
          expected(check),
          "the check's query failed: " + failed.getMessage());
    }
    if (value.isEmpty()) {
      return new CheckResult(
          name, severity, false, null, expected(check), "the check's query returned no value");
    }
    BigDecimal observed = value.get();
    return switch (check) {
      case QualityCheck.RowCountMin rowCount -> {
        boolean passed = observed.compareTo(BigDecimal.valueOf(rowCount.min())) >= 0;
        yield new CheckResult(
            name,
            severity,
            passed,
            observed.toPlainString(),
            expected(check),
            passed
                ? "the table has %s rows".formatted(observed.toPlainString())
                : "the table has %s rows, fewer than %d"
                    .formatted(observed.toPlainString(), rowCount.min()));
      }
      case QualityCheck.CustomSql custom -> {
        boolean passed = observed.compareTo(BigDecimal.valueOf(custom.expect())) == 0;
        yield new CheckResult(
            name,
            severity,
            passed,
            observed.toPlainString(),
            expected(check),
            passed
                ? "the query returned %s, as expected".formatted(observed.toPlainString())
                : "the query returned %s, expected %d"
                    .formatted(observed.toPlainString(), custom.expect()));
      }
      default -> {
        boolean passed = observed.signum() == 0;
        yield new CheckResult(
            name,
            severity,
            passed,
            observed.toPlainString(),
            expected(check),
            passed ? "no violations" : violations(check, observed.toPlainString()));
      }
    };
  }

  private static String expected(QualityCheck check) {
    return switch (check) {
      case QualityCheck.RowCountMin rowCount -> "at least " + rowCount.min();
      case QualityCheck.CustomSql custom -> Long.toString(custom.expect());
      default -> "0";
    };
  }

  private static String violations(QualityCheck check, String count) {
    return switch (check) {
      case QualityCheck.NotNull notNull -> "%s rows have no %s".formatted(count, notNull.column());
      case QualityCheck.Unique unique ->
          "%s values of %s occur in more than one row".formatted(count, unique.column());
      case QualityCheck.AcceptedValues accepted ->
          "%s rows have a %s outside %s".formatted(count, accepted.column(), accepted.values());
      default -> count + " violations";
    };
  }
}
