package io.tributary.platform.quality.trino;

import io.tributary.platform.quality.QualityEngine;
import io.tributary.platform.quality.QualityQueryException;
import io.tributary.platform.query.trino.ServiceConnections;
import io.tributary.platform.query.trino.ServiceTokens;
import io.tributary.platform.query.trino.StatementStatistics;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Runs checks through Trino as the platform's service user, which the generated access rules let
 * read every product, so a check counts every row whatever the grants; each in the resource group
 * of the product's domain, with what it cost collected through trino-jdbc's progress monitor.
 */
public final class TrinoQualityEngine implements QualityEngine, AutoCloseable {
  /** Names the checks in Trino's query list. */
  private static final String SOURCE = "tributary-quality";

  private final ServiceConnections connections;
  private final String catalog;

  public TrinoQualityEngine(
      String jdbcUrl, String catalog, String serviceUser, ServiceTokens serviceTokens) {
    this.connections = new ServiceConnections(jdbcUrl, serviceUser, serviceTokens, SOURCE);
    this.catalog = catalog;
  }

  @Override
  public String catalog() {
    return catalog;
  }

  @Override
  public Answer scalar(String domain, String sql) {
    try (Connection connection = connections.connect(domain);
        Statement statement = connection.createStatement()) {
      StatementStatistics statistics = StatementStatistics.watch(statement);
      Optional<BigDecimal> value;
      try (ResultSet rows = statement.executeQuery(sql)) {
        value = rows.next() ? number(rows.getObject(1)) : Optional.empty();
        while (rows.next()) {
          // Read to the end, so the statistics are the finished query's.
        }
      }
      statistics.queryFinished();
      return new Answer(value, statistics.collected());
    } catch (SQLException e) {
      throw new QualityQueryException(withoutQueryId(e.getMessage()), e);
    }
  }

  private static Optional<BigDecimal> number(Object value) {
    return switch (value) {
      case null -> Optional.empty();
      case BigDecimal decimal -> Optional.of(decimal);
      case Number number -> Optional.of(new BigDecimal(number.toString()));
      default ->
          throw new QualityQueryException(
              "the query returned %s, not a number".formatted(value), null);
    };
  }

  private static String withoutQueryId(String message) {
    return message == null
        ? "the engine gave no reason"
        : message.replaceFirst("^Query failed \\(#[^)]*\\):\\s*", "");
  }

  @Override
  public void close() {
    connections.close();
  }
}
