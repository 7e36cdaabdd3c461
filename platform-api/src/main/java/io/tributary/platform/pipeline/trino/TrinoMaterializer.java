package io.tributary.platform.pipeline.trino;

import io.tributary.platform.declaration.ProductReference;
import io.tributary.platform.declaration.Source;
import io.tributary.platform.pipeline.Materializer;
import io.tributary.platform.query.trino.ServiceTokens;
import io.trino.jdbc.TrinoDriver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Materializes derived products through Trino as the platform's service user. The Iceberg connector
 * commits one snapshot per statement and refuses writes inside an explicit transaction, so a full
 * refresh of a product with a primary key is one {@code MERGE} that updates the rows the query
 * returns, inserts the new ones and deletes the rest: readers see the old rows or the new ones,
 * never an empty table. A product without a primary key is refreshed by {@code DELETE} then {@code
 * INSERT}, two snapshots, and readers may briefly see it empty.
 */
public final class TrinoMaterializer implements Materializer, AutoCloseable {
  /** Names the refreshes in Trino's query list. */
  private static final String SOURCE = "tributary-pipelines";

  /** Marks the source rows of a full refresh that the query returned, against those to delete. */
  private static final String PRESENT = "\"tributary_refresh_present\"";

  private final TrinoDriver driver = new TrinoDriver();
  private final String jdbcUrl;
  private final String catalog;
  private final String serviceUser;
  private final ServiceTokens serviceTokens;

  public TrinoMaterializer(
      String jdbcUrl, String catalog, String serviceUser, ServiceTokens serviceTokens) {
    this.jdbcUrl = jdbcUrl;
    this.catalog = catalog;
    this.serviceUser = serviceUser;
    this.serviceTokens = serviceTokens;
  }

  @Override
  public String catalog() {
    return catalog;
  }

  @Override
  public Map<String, Long> currentSnapshots(List<ProductReference> products) {
    Map<String, Long> snapshots = new LinkedHashMap<>();
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      for (ProductReference product : products) {
        snapshots.put(product.toString(), currentSnapshot(statement, product));
      }
      return snapshots;
    } catch (SQLException e) {
      throw new MaterializationException(
          "Cannot read the snapshots of " + products + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Materialization materialize(
      ProductReference target,
      List<String> columns,
      List<String> primaryKey,
      Source.Refresh refresh,
      String query) {
    String table = table(target);
    String selected = columns.stream().map(TrinoMaterializer::quote).collect(joining());
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      long written;
      if (refresh == Source.Refresh.MERGE) {
        written = statement.executeLargeUpdate(merge(table, columns, primaryKey, query, false));
      } else if (!primaryKey.isEmpty()) {
        written = statement.executeLargeUpdate(merge(table, columns, primaryKey, query, true));
      } else {
        written = statement.executeLargeUpdate("DELETE FROM " + table);
        written +=
            statement.executeLargeUpdate(
                "INSERT INTO %s (%s) SELECT %s FROM (%s) AS derived"
                    .formatted(table, selected, selected, query));
      }
      long rowCount;
      try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
        rows.next();
        rowCount = rows.getLong(1);
      }
      return new Materialization(written, rowCount, currentSnapshot(statement, target));
    } catch (SQLException e) {
      throw new MaterializationException(e.getMessage(), e);
    }
  }

  private static String merge(
      String table, List<String> columns, List<String> primaryKey, String query, boolean full) {
    String selected = columns.stream().map(TrinoMaterializer::quote).collect(joining());
    String on =
        primaryKey.stream()
            .map(key -> "target.%1$s = source.%1$s".formatted(quote(key)))
            .collect(Collectors.joining(" AND "));
    String source;
    if (full) {
      String keysMatch =
          primaryKey.stream()
              .map(key -> "derived.%1$s = existing.%1$s".formatted(quote(key)))
              .collect(Collectors.joining(" AND "));
      String existingColumns =
          columns.stream().map(column -> "existing." + quote(column)).collect(joining());
      source =
          ("SELECT %2$s, true AS %5$s FROM (%3$s) AS derived"
                  + " UNION ALL SELECT %6$s, false FROM %1$s AS existing"
                  + " WHERE NOT EXISTS (SELECT 1 FROM (%3$s) AS derived WHERE %4$s)")
              .formatted(table, selected, query, keysMatch, PRESENT, existingColumns);
    } else {
      source = "SELECT %s FROM (%s) AS derived".formatted(selected, query);
    }
    String updates =
        columns.stream()
            .filter(column -> !primaryKey.contains(column))
            .map(column -> "%1$s = source.%1$s".formatted(quote(column)))
            .collect(joining());
    String values = columns.stream().map(column -> "source." + quote(column)).collect(joining());
    StringBuilder merge =
        new StringBuilder(
            "MERGE INTO %s AS target USING (%s) AS source ON %s".formatted(table, source, on));
    if (full) {
      merge.append(" WHEN MATCHED AND NOT source.").append(PRESENT).append(" THEN DELETE");
    }
    if (!updates.isEmpty()) {
      merge.append(" WHEN MATCHED THEN UPDATE SET ").append(updates);
    }
    merge
        .append(" WHEN NOT MATCHED THEN INSERT (")
        .append(selected)
        .append(") VALUES (")
        .append(values)
        .append(")");
    return merge.toString();
  }

  private Long currentSnapshot(Statement statement, ProductReference product) throws SQLException {
    String history =
        quote(catalog)
            + "."
            + quote(product.domain())
            + "."
            + quote(product.product() + "$history");
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT snapshot_id FROM " + history + " ORDER BY made_current_at DESC LIMIT 1")) {
      return rows.next() ? rows.getLong(1) : null;
    }
  }

  private String table(ProductReference product) {
    return quote(catalog) + "." + quote(product.domain()) + "." + quote(product.product());
  }

  private static java.util.stream.Collector<CharSequence, ?, String> joining() {
    return Collectors.joining(", ");
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", serviceUser);
    properties.setProperty("accessToken", serviceTokens.current());
    properties.setProperty("source", SOURCE);
    Connection connection = driver.connect(jdbcUrl, properties);
    if (connection == null) {
      throw new IllegalStateException("Not a trino-jdbc URL: " + jdbcUrl);
    }
    return connection;
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
