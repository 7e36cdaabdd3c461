package io.tributary.platform.query.trino;

import io.tributary.platform.query.DataPage;
import io.tributary.platform.query.EmptyDataPage;
import io.tributary.platform.query.FilterCompiler;
import io.tributary.platform.query.PageQueries;
import io.tributary.platform.query.QueryEngine;
import io.tributary.platform.query.QueryStatistics;
import io.tributary.platform.query.ReadRequest;
import io.tributary.platform.query.ResultColumn;
import io.tributary.platform.query.SqlFragment;
import io.tributary.platform.query.TableReference;
import io.tributary.policies.trino.ResourceGroups;
import io.trino.jdbc.TrinoDriver;
import io.trino.jdbc.TrinoResultSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;

/**
 * Reads products through Trino as the caller.
 *
 * <p>Each page is served from one Iceberg snapshot: the first page pins the table's current
 * snapshot (or the one {@code asOf} names) and its token carries it on, so rows committed while a
 * client pages are not seen until it starts over. Rows come in a total order (the primary key, then
 * every selected column), which makes {@code OFFSET} paging over a fixed snapshot exact.
 *
 * <p>The snapshot is looked up as the service user, because Iceberg's metadata tables ({@code
 * $history}, {@code $snapshots}) are relations of their own that product rules need not mention;
 * every query that touches rows runs as the caller, and runs before the response starts, so a
 * denial is always a clean 403.
 */
public final class TrinoQueryEngine implements QueryEngine, AutoCloseable {
  /** Names the platform's queries in Trino's query list. */
  /**
   * Names the platform's queries in Trino's query list; with the domain's client tag, it routes
   * them to the resource group of the product's domain.
   */
  private static final String SOURCE = ResourceGroups.PLATFORM_SOURCE;

  private final TrinoDriver driver = new TrinoDriver();
  private final String jdbcUrl;
  private final String serviceUser;
  private final ServiceTokens serviceTokens;
  private final FilterCompiler filterCompiler;

  /**
   * @param jdbcUrl a trino-jdbc URL without credentials
   * @param serviceUser the user the platform authenticates as; the only one Trino lets impersonate
   * @param serviceTokens the service user's bearer tokens
   * @param filterCompiler compiles the {@code filter} parameter
   */
  public TrinoQueryEngine(
      String jdbcUrl,
      String serviceUser,
      ServiceTokens serviceTokens,
      FilterCompiler filterCompiler) {
    this.jdbcUrl = jdbcUrl;
    this.serviceUser = serviceUser;
    this.serviceTokens = serviceTokens;
    this.filterCompiler = filterCompiler;
  }

  @Override
  public DataPage read(String user, Set<String> groups, TableReference table, ReadRequest request) {
    PageQueries.Start start;
    try (Connection service = connect(Optional.empty())) {
      start =
          PageQueries.start(
              table, request, (sql, parameters) -> firstSnapshot(service, sql, parameters));
    } catch (SQLException e) {
      throw TrinoErrors.ofServiceQuery(e);
    }
    OptionalLong snapshot = start.snapshot();

    Connection connection = connect(Optional.of(user), table);
    try {
      Map<String, String> visibleColumns = visibleColumns(connection, table, snapshot);
      List<ResultColumn> selected = PageQueries.selectedColumns(visibleColumns, request.columns());
      SqlFragment filter =
          filterCompiler.compile(request.filter(), PageQueries.kinds(visibleColumns));
      if (snapshot.isEmpty()) {
        connection.close();
        return new EmptyDataPage(selected);
      }
      long snapshotId = snapshot.getAsLong();
      long end = start.offset() + request.limit();
      QueryStatistics[] counted = {QueryStatistics.NONE};
      Optional<String> nextPageToken =
          hasRowsBeyond(connection, table, snapshotId, filter, end, counted)
              ? Optional.of(start.nextPageToken(request.limit()).encode())
              : Optional.empty();
      PreparedStatement statement =
          connection.prepareStatement(
              PageQueries.pageQuery(
                  table,
                  snapshotId,
                  selected,
                  PageQueries.orderBy(table, visibleColumns, selected),
                  filter,
                  start.offset(),
                  request.limit()));
      bind(statement, filter.parameters());
      ResultSet rows = statement.executeQuery();
      return new TrinoDataPage(
          connection, statement, rows, selected, snapshotId, nextPageToken, counted[0]);
    } catch (SQLException e) {
      closeQuietly(connection);
      if (request.pageToken().isPresent() && TrinoErrors.isUnknownSnapshot(e)) {
        // Snapshot expiry removed the snapshot this read was pinned to.
        throw PageQueries.expiredSnapshot();
      }
      throw TrinoErrors.ofCallerQuery(e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  private static OptionalLong firstSnapshot(
      Connection connection, String sql, List<Object> parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /** The columns the caller may see, with their Trino types. */
  private static Map<String, String> visibleColumns(
      Connection connection, TableReference table, OptionalLong snapshot) throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement(PageQueries.visibleColumnsQuery(table, snapshot));
        ResultSet rows = statement.executeQuery()) {
      ResultSetMetaData metadata = rows.getMetaData();
      Map<String, String> columns = new LinkedHashMap<>();
      for (int column = 1; column <= metadata.getColumnCount(); column++) {
        columns.put(metadata.getColumnName(column), metadata.getColumnTypeName(column));
      }
      return columns;
    }
  }

  private static boolean hasRowsBeyond(
      Connection connection,
      TableReference table,
      long snapshotId,
      SqlFragment filter,
      long rows,
      QueryStatistics[] statistics)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(PageQueries.countQuery(table, snapshotId, filter, rows))) {
      bind(statement, filter.parameters());
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        boolean beyond = result.getLong(1) > rows;
        // Read to the end, so the statistics are the finished query's.
        result.next();
        statistics[0] = add(statistics[0], result);
        return beyond;
      }
    }
  }

  private static void bind(PreparedStatement statement, List<Object> parameters)
      throws SQLException {
    for (int index = 0; index < parameters.size(); index++) {
      Object value = parameters.get(index);
      if (value == null) {
        statement.setNull(index + 1, Types.NULL);
      } else {
        statement.setObject(index + 1, value);
      }
    }
  }

  /**
   * These statistics plus those Trino reported for a result set's query; unchanged when the result
   * set is not trino-jdbc's.
   */
  static QueryStatistics add(QueryStatistics statistics, ResultSet rows) {
    try {
      if (!rows.isWrapperFor(TrinoResultSet.class)) {
        return statistics;
      }
      return StatementStatistics.plus(statistics, rows.unwrap(TrinoResultSet.class).getStats());
    } catch (SQLException | RuntimeException unavailable) {
      return statistics;
    }
  }

  /** A connection as the service user, routed to the resource group of the table's domain. */
  private Connection connect(Optional<String> endUser, TableReference table) {
    return connect(endUser, Optional.of(table.schema()));
  }

  /** A connection as the service user, acting as the end user when one is given. */
  private Connection connect(Optional<String> endUser) {
    return connect(endUser, Optional.empty());
  }

  private Connection connect(Optional<String> endUser, Optional<String> domain) {
    Properties properties = new Properties();
    properties.setProperty("user", serviceUser);
    properties.setProperty("accessToken", serviceTokens.current());
    properties.setProperty("source", SOURCE);
    endUser.ifPresent(user -> properties.setProperty("sessionUser", user));
    domain.ifPresent(name -> properties.setProperty("clientTags", ResourceGroups.domainTag(name)));
    try {
      Connection connection = driver.connect(jdbcUrl, properties);
      if (connection == null) {
        throw new IllegalStateException("Not a trino-jdbc URL: " + jdbcUrl);
      }
      return connection;
    } catch (SQLException e) {
      throw TrinoErrors.ofServiceQuery(e);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException | RuntimeException ignored) {
      // Already failing; the original failure is the one worth reporting.
    }
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
