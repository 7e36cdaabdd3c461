package io.tributary.platform.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.platform.declaration.QualityCheck;
import io.tributary.platform.declaration.QualityCheck.Severity;
import io.tributary.platform.query.QueryStatistics;
import io.tributary.platform.query.TableReference;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How results weigh into a status. The engine here is an in-memory {@link QualityEngine} that
 * answers by the query's text; the queries themselves run on Trino in {@code QualityTest}.
 */
class QualityEvaluatorTest {
  private static final TableReference TABLE =
      new TableReference("lakehouse", "sales", "orders", List.of());
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  private static final TableState FRESH = TableState.at(42, NOW.minusSeconds(60));

  /**
   * Answers each query with the value of the first fragment it contains (a fragment starting with
   * {@code $} must end the query instead), else zero; records the queries.
   */
  private static final class ScriptedEngine implements QualityEngine {
    final Map<String, Object> answers = new LinkedHashMap<>();
    final List<String> queries = new ArrayList<>();
    final List<String> domains = new ArrayList<>();

    @Override
    public String catalog() {
      return "lakehouse";
    }

    @Override
    public Answer scalar(String domain, String sql) {
      domains.add(domain);
      return new Answer(value(sql), QueryStatistics.NONE.plus("q" + queries.size(), 7, 0, 0, 0, 0));
    }

    private Optional<BigDecimal> value(String sql) {
      queries.add(sql);
      for (var answer : answers.entrySet()) {
        String key = answer.getKey();
        if (key.startsWith("$") ? sql.endsWith(key.substring(1)) : sql.contains(key)) {
          if (answer.getValue() instanceof QualityQueryException failure) {
            throw failure;
          }
          return Optional.ofNullable((BigDecimal) answer.getValue());
        }
      }
      return Optional.of(BigDecimal.ZERO);
    }
  }

  @Test
  void passingChecksAndFreshDataAreOk() {
    ScriptedEngine engine = new ScriptedEngine();
    engine.answers.put("$AS OF 42", BigDecimal.TEN);

    QualityEvaluator.Report report =
        new QualityEvaluator(engine)
            .evaluate(
                List.of(new QualityCheck.NotNull("id"), new QualityCheck.RowCountMin(5)),
                TABLE,
                FRESH,
                Optional.of(Duration.ofHours(1)),
                NOW);

    assertThat(report.status()).isEqualTo(QualityStatus.OK);
    assertThat(report.reasons()).isEmpty();
    assertThat(report.results())
        .extracting(CheckResult::check)
        .containsExactly("not_null:id", "row_count_min", "freshness");
    assertThat(engine.queries).allSatisfy(sql -> assertThat(sql).contains("FOR VERSION AS OF 42"));
    assertThat(engine.domains).as("each check runs for the product's domain").containsOnly("sales");
    assertThat(report.statistics())
        .as("what the two checks cost, summed, the last one's id kept")
        .isEqualTo(new QueryStatistics("q2", 2, 14, 0, 0, 0, 0));
  }

  @Test
  void aFailingErrorCheckMakesItFailingWithTheReason() {
    ScriptedEngine engine = new ScriptedEngine();
    engine.answers.put("NOT IN ('placed')", new BigDecimal(3));

    QualityEvaluator.Report report =
        new QualityEvaluator(engine)
            .evaluate(
                List.of(
                    new QualityCheck.AcceptedValues("status", List.of("placed")),
                    new QualityCheck.NotNull("id", Severity.WARN)),
                TABLE,
                FRESH,
                Optional.empty(),
                NOW);

    assertThat(report.status()).isEqualTo(QualityStatus.FAILING);
    assertThat(report.reasons())
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.check()).isEqualTo("accepted_values:status");
              assertThat(reason.severity()).isEqualTo("error");
              assertThat(reason.observed()).isEqualTo("3");
              assertThat(reason.expected()).isEqualTo("0");
              assertThat(reason.message()).isEqualTo("3 rows have a status outside [placed]");
            });
  }

  @Test
  void aFailingWarnCheckOnlyWarnsAndAnErrorCheckOutweighsIt() {
    ScriptedEngine engine = new ScriptedEngine();
    engine.answers.put("IS NULL", BigDecimal.ONE);
    engine.answers.put("HAVING", BigDecimal.ONE);
    QualityEvaluator evaluator = new QualityEvaluator(engine);

    assertThat(
            evaluator
                .evaluate(
                    List.of(new QualityCheck.NotNull("id", Severity.WARN)),
                    TABLE,
                    FRESH,
                    Optional.empty(),
                    NOW)
                .status())
        .isEqualTo(QualityStatus.WARN);
    assertThat(
            evaluator
                .evaluate(
                    List.of(
                        new QualityCheck.NotNull("id", Severity.WARN),
                        new QualityCheck.Unique("id", Severity.ERROR)),
                    TABLE,
                    FRESH,
                    Optional.empty(),
                    NOW)
                .status())
        .isEqualTo(QualityStatus.FAILING);
  }

  @Test
  void rowCountAndCustomChecksCompareWithTheirExpectation() {
    ScriptedEngine engine = new ScriptedEngine();
    engine.answers.put("amount < 0", new BigDecimal(2));
    engine.answers.put("$AS OF 42", BigDecimal.ONE);

    QualityEvaluator.Report report =
        new QualityEvaluator(engine)
            .evaluate(
                List.of(
                    new QualityCheck.CustomSql(
                        "negatives", "SELECT count(*) FROM {table} WHERE amount < 0", 2),
                    new QualityCheck.RowCountMin(5)),
                TABLE,
                FRESH,
                Optional.empty(),
                NOW);

    assertThat(report.results().get(0).passed()).isTrue();
    assertThat(report.results().get(1))
        .extracting(CheckResult::passed, CheckResult::observed, CheckResult::expected)
        .containsExactly(false, "1", "at least 5");
    assertThat(report.status()).isEqualTo(QualityStatus.FAILING);
  }

  @Test
  void aQueryTheEngineFailsIsAFailedCheckNamingTheEnginesReason() {
    ScriptedEngine engine = new ScriptedEngine();
    engine.answers.put("nope", new QualityQueryException("Column 'nope' cannot be resolved", null));

    QualityEvaluator.Report report =
        new QualityEvaluator(engine)
            .evaluate(
                List.of(
                    new QualityCheck.CustomSql(
                        "broken", "SELECT count(nope) FROM {table}", 0, Severity.WARN)),
                TABLE,
                FRESH,
                Optional.empty(),
                NOW);

    assertThat(report.status()).isEqualTo(QualityStatus.WARN);
    assertThat(report.reasons().getFirst().message())
        .isEqualTo("the check's query failed: Column 'nope' cannot be resolved");
  }

  @Test
  void staleDataWarnsNamingTheAgeAndTheSla() {
    QualityEvaluator.Report report =
        new QualityEvaluator(new ScriptedEngine())
            .evaluate(
                List.of(),
                TABLE,
                TableState.at(42, NOW.minus(Duration.ofHours(3))),
                Optional.of(Duration.ofHours(1)),
                NOW);

    assertThat(report.status()).isEqualTo(QualityStatus.WARN);
    assertThat(report.reasons())
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.check()).isEqualTo("freshness");
              assertThat(reason.observed()).isEqualTo("PT3H");
              assertThat(reason.expected()).isEqualTo("at most PT1H");
              assertThat(reason.message()).contains("PT3H ago").contains("SLA of PT1H");
            });
  }

  @Test
  void noDataYetWarnsAndATableNotProvisionedRunsNoQuery() {
    ScriptedEngine engine = new ScriptedEngine();
    QualityEvaluator evaluator = new QualityEvaluator(engine);

    QualityEvaluator.Report empty =
        evaluator.evaluate(
            List.of(new QualityCheck.NotNull("id")),
            TABLE,
            TableState.empty(),
            Optional.empty(),
            NOW);
    assertThat(empty.status()).isEqualTo(QualityStatus.WARN);
    assertThat(empty.reasons())
        .extracting(CheckResult::message)
        .containsExactly("no data yet: nothing committed");
    assertThat(engine.queries).singleElement().asString().doesNotContain("FOR VERSION AS OF");

    engine.queries.clear();
    QualityEvaluator.Report missing =
        evaluator.evaluate(
            List.of(new QualityCheck.NotNull("id")),
            TABLE,
            TableState.missing(),
            Optional.empty(),
            NOW);
    assertThat(missing.status()).isEqualTo(QualityStatus.WARN);
    assertThat(engine.queries).isEmpty();
  }

  @Test
  void aStoredEvaluationAgesIntoStaleWithoutRunningChecks() {
    List<CheckResult> stored =
        List.of(
            new CheckResult("not_null:id", "error", true, "0", "0", "no violations"),
            Freshness.of(
                Optional.of(NOW.minusSeconds(30)), Optional.of(Duration.ofMinutes(1)), NOW));
    assertThat(QualityStatus.of(stored)).isEqualTo(QualityStatus.OK);

    List<CheckResult> later =
        CurrentStatus.results(
            stored,
            Optional.of(NOW.minusSeconds(30)),
            Optional.of(Duration.ofMinutes(1)),
            NOW.plusSeconds(60));

    assertThat(QualityStatus.of(later)).isEqualTo(QualityStatus.WARN);
    assertThat(later.get(0)).isEqualTo(stored.get(0));
  }
}
