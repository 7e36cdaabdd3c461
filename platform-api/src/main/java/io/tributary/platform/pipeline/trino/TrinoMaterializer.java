package io.tributary.platform.pipeline.trino;

import io.tributary.platform.declaration.Column;
import io.tributary.platform.declaration.ProductReference;
import io.tributary.platform.declaration.Source;
import io.tributary.platform.pipeline.Materializer;
import io.tributary.platform.pipeline.RefreshStatements;
import io.tributary.platform.query.trino.ServiceConnections;
import io.tributary.platform.query.trino.ServiceTokens;
import io.tributary.platform.query.trino.StatementStatistics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Materializes derived products through Trino as the platform's service user, with the statements
 * of {@link RefreshStatements}; Trino counts the rows each writes. What every query costs is
 * collected through trino-jdbc's progress monitor.
 */
public final class TrinoMaterializer implements Materializer, AutoCloseable {
  /** Names the refreshes in Trino's query list. */
  private static final String SOURCE = "tributary-pipelines";

  private final ServiceConnections connections;
  private final String catalog;

  public TrinoMaterializer(
      String jdbcUrl, String catalog, String serviceUser, ServiceTokens serviceTokens) {
    this.connections = new ServiceConnections(jdbcUrl, serviceUser, serviceTokens, SOURCE);
    this.catalog = catalog;
  }

  @Override
  public String catalog() {
    return catalog;
  }

  @Override
  public Snapshots currentSnapshots(ProductReference reader, List<ProductReference> products) {
    Map<String, Long> snapshots = new LinkedHashMap<>();
    try (Connection connection = connections.connect(reader.domain());
        Statement statement = connection.createStatement()) {
      StatementStatistics statistics = StatementStatistics.watch(statement);
      for (ProductReference product : products) {
        snapshots.put(product.toString(), currentSnapshot(statement, statistics, product));
      }
      return new Snapshots(snapshots, statistics.collected());
    } catch (SQLException e) {
      throw new MaterializationException(
          "Cannot read the snapshots of " + products + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Materialization materialize(
      ProductReference target,
      List<Column> columns,
      List<String> primaryKey,
      Source.Refresh refresh,
      String query) {
    String table = table(target);
    try (Connection connection = connections.connect(target.domain());
        Statement statement = connection.createStatement()) {
      StatementStatistics statistics = StatementStatistics.watch(statement);
      long written = 0;
      for (RefreshStatements.Statement write :
          RefreshStatements.of(table, columns, primaryKey, refresh, query)) {
        written += statement.executeLargeUpdate(write.sql());
        statistics.queryFinished();
      }
      long rowCount;
      try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
        rows.next();
        rowCount = rows.getLong(1);
        rows.next();
      }
      statistics.queryFinished();
      Long snapshot = currentSnapshot(statement, statistics, target);
      return new Materialization(written, rowCount, snapshot, statistics.collected());
    } catch (SQLException e) {
      throw new MaterializationException(e.getMessage(), e);
    }
  }

  private Long currentSnapshot(
      Statement statement, StatementStatistics statistics, ProductReference product)
      throws SQLException {
    String history =
        quote(catalog)
            + "."
            + quote(product.domain())
            + "."
            + quote(product.product() + "$history");
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT snapshot_id FROM " + history + " ORDER BY made_current_at DESC LIMIT 1")) {
      Long snapshot = rows.next() ? rows.getLong(1) : null;
      while (rows.next()) {
        // Read to the end, so the statistics are the finished query's.
      }
      statistics.queryFinished();
      return snapshot;
    }
  }

  private String table(ProductReference product) {
    return quote(catalog) + "." + quote(product.domain()) + "." + quote(product.product());
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** A connection as the service user, in the resource group of the domain that refreshes. */
  @Override
  public void close() {
    connections.close();
  }
}
