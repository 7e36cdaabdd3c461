package io.tributary.platform.quality.trino;

import io.tributary.platform.quality.QualityEngine;
import io.tributary.platform.quality.QualityQueryException;
import io.tributary.platform.query.trino.ServiceTokens;
import io.trino.jdbc.TrinoDriver;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs checks through Trino as the platform's service user, which the generated access rules let
 * read every product, so a check counts every row whatever the grants.
 */
public final class TrinoQualityEngine implements QualityEngine, AutoCloseable {
  /** Names the checks in Trino's query list. */
  private static final String SOURCE = "tributary-quality";

  private final TrinoDriver driver = new TrinoDriver();
  private final String jdbcUrl;
  private final String serviceUser;
  private final ServiceTokens serviceTokens;

  public TrinoQualityEngine(String jdbcUrl, String serviceUser, ServiceTokens serviceTokens) {
    this.jdbcUrl = jdbcUrl;
    this.serviceUser = serviceUser;
    this.serviceTokens = serviceTokens;
  }

  @Override
  public Optional<BigDecimal> scalar(String sql) {
    Properties properties = new Properties();
    properties.setProperty("user", serviceUser);
    properties.setProperty("accessToken", serviceTokens.current());
    properties.setProperty("source", SOURCE);
    try (Connection connection = driver.connect(jdbcUrl, properties);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      if (!rows.next()) {
        return Optional.empty();
      }
      Object value = rows.getObject(1);
      return switch (value) {
        case null -> Optional.empty();
        case BigDecimal decimal -> Optional.of(decimal);
        case Number number -> Optional.of(new BigDecimal(number.toString()));
        default ->
            throw new QualityQueryException(
                "the query returned %s, not a number".formatted(value), null);
      };
    } catch (SQLException e) {
      throw new QualityQueryException(withoutQueryId(e.getMessage()), e);
    }
  }

  private static String withoutQueryId(String message) {
    return message == null
        ? "the engine gave no reason"
        : message.replaceFirst("^Query failed \\(#[^)]*\\):\\s*", "");
  }

  @Override
  public void close() {
    try {
      driver.close();
    } catch (java.io.IOException ignored) {
      // Shutting down: the driver's HTTP client threads end with the JVM.
    }
  }
}
