package io.tributary.platform.pipeline.athena;

import io.tributary.platform.declaration.Column;
import io.tributary.platform.declaration.ProductReference;
import io.tributary.platform.declaration.Source;
import io.tributary.platform.pipeline.Materializer;
import io.tributary.platform.pipeline.RefreshStatements;
import io.tributary.platform.query.EngineFailureException;
import io.tributary.platform.query.Identifiers;
import io.tributary.platform.query.QueryException;
import io.tributary.platform.query.QueryStatistics;
import io.tributary.platform.query.athena.AthenaQueryEngine;
import io.tributary.platform.query.athena.AthenaStatements;
import io.tributary.platform.query.athena.ResultRows;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Materializes derived products through Amazon Athena (engine v3) as the platform's own identity
 * (the platform role: the default credentials chain), in the workgroup of the refreshed product's
 * domain, which holds the domain's per-query scan limit and bills the domain. The statements are
 * {@link RefreshStatements}' (Athena runs {@code MERGE INTO}, {@code DELETE} and {@code INSERT
 * INTO} on Iceberg tables); snapshot ids come from the Iceberg {@code $history} metadata table,
 * which Athena exposes as {@code "table$history"}
 * (https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-table-data.html).
 *
 * <p>Rows written: {@code GetQueryResults}' {@code UpdateCount} is, by the API reference, "the
 * number of rows inserted with a CREATE TABLE AS SELECT, INSERT INTO, or UPDATE statement"
 * (https://docs.aws.amazon.com/athena/latest/APIReference/API_GetQueryResults.html; quoted from the
 * AWS SDK reference generated from that API model). It says nothing of {@code MERGE INTO} or {@code
 * DELETE}, so a refresh that runs either reports {@link Materialization#UNKNOWN} rows written
 * rather than a guess; the row count after the refresh is always counted.
 */
public final class AthenaMaterializer implements Materializer, AutoCloseable {
  /** Lookups and counts read one row: the header and that row. */
  private static final int SINGLE_ROW = 2;

  private final AthenaStatements.OnFirstUse statements;
  private final AthenaQueryEngine.Settings settings;

  /**
   * @param statements opens the statements' client on first use, so that building the materializer
   *     (at startup, or in a snapshot of the Lambda) creates no client
   * @param settings the workgroup template and catalog (as the data endpoint's)
   */
  public AthenaMaterializer(
      Supplier<AthenaStatements> statements, AthenaQueryEngine.Settings settings) {
    this.statements = new AthenaStatements.OnFirstUse(statements);
    this.settings = settings;
  }

  @Override
  public String catalog() {
    return settings.catalog();
  }

  @Override
  public Snapshots currentSnapshots(ProductReference reader, List<ProductReference> products) {
    Map<String, Long> snapshots = new LinkedHashMap<>();
    QueryStatistics[] statistics = {QueryStatistics.NONE};
    try {
      for (ProductReference product : products) {
        snapshots.put(product.toString(), currentSnapshot(reader.domain(), product, statistics));
      }
    } catch (QueryException failed) {
      throw new MaterializationException(
          "Cannot read the snapshots of " + products + ": " + failed.getMessage(), failed);
    }
    return new Snapshots(snapshots, statistics[0]);
  }

  @Override
  public Materialization materialize(
      ProductReference target,
      List<Column> columns,
      List<String> primaryKey,
      Source.Refresh refresh,
      String query) {
    String table = table(target);
    AthenaStatements.Context context = context(target.domain());
    QueryStatistics[] statistics = {QueryStatistics.NONE};
    try {
      long written = 0;
      for (RefreshStatements.Statement write :
          RefreshStatements.of(table, columns, primaryKey, refresh, query)) {
        AthenaStatements.Finished finished = statements().execute(write.sql(), List.of(), context);
        statistics[0] = statistics[0].plus(finished.statistics());
        Optional<Long> count =
            write.kind() == RefreshStatements.Kind.INSERT
                ? statements().updateCount(finished, context)
                : Optional.empty();
        written =
            written == Materialization.UNKNOWN || count.isEmpty()
                ? Materialization.UNKNOWN
                : written + count.get();
      }
      long rowCount =
          singleLong(target.domain(), "SELECT count(*) FROM " + table, statistics)
              .orElseThrow(
                  () -> new EngineFailureException("Athena counted no rows in " + table, null));
      Long snapshot = currentSnapshot(target.domain(), target, statistics);
      return new Materialization(written, rowCount, snapshot, statistics[0]);
    } catch (QueryException failed) {
      throw new MaterializationException(failed.getMessage(), failed);
    }
  }

  private Long currentSnapshot(
      String domain, ProductReference product, QueryStatistics[] statistics) {
    String history =
        Identifiers.quote(settings.catalog())
            + "."
            + Identifiers.quote(product.domain())
            + "."
            + Identifiers.quote(product.product() + "$history");
    return singleLong(
            domain,
            "SELECT snapshot_id FROM " + history + " ORDER BY made_current_at DESC LIMIT 1",
            statistics)
        .orElse(null);
  }

  /** The first column of the first row, when there is one; runs in the domain's workgroup. */
  private Optional<Long> singleLong(String domain, String sql, QueryStatistics[] statistics) {
    AthenaStatements.Context context = context(domain);
    AthenaStatements.Finished finished = statements().execute(sql, List.of(), context);
    statistics[0] = statistics[0].plus(finished.statistics());
    ResultRows rows = statements().rows(finished, context, SINGLE_ROW);
    if (!rows.next() || rows.text(0) == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(rows.text(0)));
    } catch (NumberFormatException notANumber) {
      throw new EngineFailureException(
          "Athena query %s returned '%s' where a number was due"
              .formatted(finished.queryId(), rows.text(0)),
          notANumber);
    }
  }

  private AthenaStatements.Context context(String domain) {
    return AthenaStatements.Context.platform(
        settings.workgroup(domain), settings.catalog(), domain);
  }

  private String table(ProductReference product) {
    return Identifiers.quote(settings.catalog())
        + "."
        + Identifiers.quote(product.domain())
        + "."
        + Identifiers.quote(product.product());
  }

  private AthenaStatements statements() {
    return statements.get();
  }

  @Override
  public void close() {
    statements.close();
  }
}
