package io.tributary.platform.quality.athena;

import io.tributary.platform.quality.QualityEngine;
import io.tributary.platform.quality.QualityQueryException;
import io.tributary.platform.query.QueryException;
import io.tributary.platform.query.athena.AthenaQueryEngine;
import io.tributary.platform.query.athena.AthenaStatements;
import io.tributary.platform.query.athena.ResultRows;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs checks through Amazon Athena (engine v3) as the platform's own identity (the platform role:
 * the default credentials chain), which Lake Formation lets read every product, so a check counts
 * every row whatever the consumers' grants; each in the workgroup of the checked product's domain,
 * which bills the domain and holds its per-query scan limit. The checks' SQL ({@link
 * io.tributary.platform.quality.CheckQueries}) keeps to what Trino and Athena both run, {@code FOR
 * VERSION AS OF} included.
 */
public final class AthenaQualityEngine implements QualityEngine, AutoCloseable {
  /** One value: the header row and the value's. */
  private static final int SINGLE_ROW = 2;

  private final AthenaStatements.OnFirstUse statements;
  private final AthenaQueryEngine.Settings settings;

  /**
   * @param statements opens the statements' client on first use, never during startup
   * @param settings the workgroup template and catalog (as the data endpoint's)
   */
  public AthenaQualityEngine(
      Supplier<AthenaStatements> statements, AthenaQueryEngine.Settings settings) {
    this.statements = new AthenaStatements.OnFirstUse(statements);
    this.settings = settings;
  }

  @Override
  public String catalog() {
    return settings.catalog();
  }

  @Override
  public Answer scalar(String domain, String sql) {
    AthenaStatements.Context context =
        AthenaStatements.Context.platform(settings.workgroup(domain), settings.catalog(), domain);
    try {
      AthenaStatements.Finished finished = statements().execute(sql, List.of(), context);
      ResultRows rows = statements().rows(finished, context, SINGLE_ROW);
      Optional<BigDecimal> value =
          rows.next() && rows.text(0) != null
              ? Optional.of(number(rows.text(0)))
              : Optional.empty();
      return new Answer(value, finished.statistics());
    } catch (QueryException failed) {
      throw new QualityQueryException(failed.getMessage(), failed);
    }
  }

  private static BigDecimal number(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException notANumber) {
      throw new QualityQueryException(
          "the query returned %s, not a number".formatted(text), notANumber);
    }
  }

  private AthenaStatements statements() {
    return statements.get();
  }

  @Override
  public void close() {
    statements.close();
  }
}
