package io.tributary.platform.query.trino;

import io.tributary.platform.query.AsOf;
import io.tributary.platform.query.DataPage;
import io.tributary.platform.query.EmptyDataPage;
import io.tributary.platform.query.FilterCompiler;
import io.tributary.platform.query.Identifiers;
import io.tributary.platform.query.InvalidParameterException;
import io.tributary.platform.query.PageToken;
import io.tributary.platform.query.QueryEngine;
import io.tributary.platform.query.QueryStatistics;
import io.tributary.platform.query.ReadRequest;
import io.tributary.platform.query.ResultColumn;
import io.tributary.platform.query.SqlFragment;
import io.tributary.platform.query.TableReference;
import io.tributary.policies.rowfilter.ColumnKind;
import io.tributary.policies.trino.ResourceGroups;
import io.trino.jdbc.QueryStats;
import io.trino.jdbc.TrinoDriver;
import io.trino.jdbc.TrinoResultSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

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
  public DataPage read(String user, TableReference table, ReadRequest request) {
    String identity = request.identity(table);
    OptionalLong snapshot;
    long offset;
    if (request.pageToken().isPresent()) {
      PageToken token = request.pageToken().get();
      if (!token.continues(identity)) {
        throw new InvalidParameterException(
            ReadRequest.PAGE_TOKEN,
            "it continues a read of other columns, filter, asOf or product, or was altered;"
                + " repeat the first page's parameters with it");
      }
      snapshot = OptionalLong.of(token.snapshotId());
      offset = token.offset();
    } else {
      snapshot = pinnedSnapshot(table, request.asOf());
      offset = 0;
    }

    Connection connection = connect(Optional.of(user), table);
    try {
      Map<String, String> visibleColumns = visibleColumns(connection, table, snapshot);
      List<ResultColumn> selected = selectedColumns(visibleColumns, request.columns());
      SqlFragment filter = filterCompiler.compile(request.filter(), kinds(visibleColumns));
      if (snapshot.isEmpty()) {
        connection.close();
        return new EmptyDataPage(selected);
      }
      long snapshotId = snapshot.getAsLong();
      long end = offset + request.limit();
      QueryStatistics[] counted = {QueryStatistics.NONE};
      Optional<String> nextPageToken =
          hasRowsBeyond(connection, table, snapshotId, filter, end, counted)
              ? Optional.of(PageToken.issue(snapshotId, end, identity).encode())
              : Optional.empty();
      PreparedStatement statement =
          connection.prepareStatement(
              pageQuery(
                  table,
                  snapshotId,
                  selected,
                  orderBy(table, visibleColumns, selected),
                  filter,
                  offset,
                  request.limit()));
      bind(statement, filter.parameters());
      ResultSet rows = statement.executeQuery();
      return new TrinoDataPage(
          connection, statement, rows, selected, snapshotId, nextPageToken, counted[0]);
    } catch (SQLException e) {
      closeQuietly(connection);
      if (request.pageToken().isPresent() && TrinoErrors.isUnknownSnapshot(e)) {
        // Snapshot expiry removed the snapshot this read was pinned to.
        throw new InvalidParameterException(
            ReadRequest.PAGE_TOKEN,
            "the snapshot this read was pinned to no longer exists; start again without pageToken");
      }
      throw TrinoErrors.ofCallerQuery(e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  /** The snapshot a first page reads: the one asked for, or the current one; none when empty. */
  private OptionalLong pinnedSnapshot(TableReference table, Optional<AsOf> asOf) {
    try (Connection connection = connect(Optional.empty())) {
      return switch (asOf.orElse(null)) {
        case null ->
            firstSnapshot(
                connection,
                "SELECT snapshot_id FROM %s ORDER BY made_current_at DESC LIMIT 1"
                    .formatted(table.metadataTable("history")),
                List.of());
        case AsOf.AtSnapshot(long snapshotId) -> {
          OptionalLong known =
              firstSnapshot(
                  connection,
                  "SELECT snapshot_id FROM %s WHERE snapshot_id = ?"
                      .formatted(table.metadataTable("snapshots")),
                  List.of(snapshotId));
          if (known.isEmpty()) {
            throw new InvalidParameterException(
                ReadRequest.AS_OF,
                "%s has no snapshot %d".formatted(table.displayName(), snapshotId));
          }
          yield known;
        }
        case AsOf.AtInstant(var instant) -> {
          // The snapshot current at that instant, as Iceberg's own time travel picks it; the
          // instant is bound as text, never spliced into the SQL.
          OptionalLong current =
              firstSnapshot(
                  connection,
                  ("SELECT snapshot_id FROM %s WHERE made_current_at <= from_iso8601_timestamp(?)"
                          + " ORDER BY made_current_at DESC LIMIT 1")
                      .formatted(table.metadataTable("history")),
                  List.of(instant.toString()));
          if (current.isEmpty()) {
            throw new InvalidParameterException(
                ReadRequest.AS_OF,
                "%s has no snapshot at or before %s".formatted(table.displayName(), instant));
          }
          yield current;
        }
      };
    } catch (SQLException e) {
      throw TrinoErrors.ofServiceQuery(e);
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

  /**
   * The columns the caller may see, with their Trino types: {@code SELECT *} as the caller, which
   * Trino's {@code hide-inaccessible-columns} narrows to their columns, and which fails when they
   * may not read the table at all.
   */
  private static Map<String, String> visibleColumns(
      Connection connection, TableReference table, OptionalLong snapshot) throws SQLException {
    String sql =
        "SELECT * FROM %s%s LIMIT 0".formatted(table.qualifiedName(), versionClause(snapshot));
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      ResultSetMetaData metadata = rows.getMetaData();
      Map<String, String> columns = new LinkedHashMap<>();
      for (int column = 1; column <= metadata.getColumnCount(); column++) {
        columns.put(metadata.getColumnName(column), metadata.getColumnTypeName(column));
      }
      return columns;
    }
  }

  private static List<ResultColumn> selectedColumns(
      Map<String, String> visibleColumns, List<String> requested) {
    if (requested.isEmpty()) {
      List<ResultColumn> all = new ArrayList<>();
      visibleColumns.forEach((name, type) -> all.add(new ResultColumn(name, type)));
      return all;
    }
    List<ResultColumn> selected = new ArrayList<>();
    for (String name : requested) {
      String type = visibleColumns.get(name);
      if (type == null) {
        // Hidden and missing columns read alike, so the answer does not reveal hidden ones.
        throw new InvalidParameterException(
            ReadRequest.COLUMNS,
            "'%s' is not a column of this product you may read".formatted(name));
      }
      selected.add(new ResultColumn(name, type));
    }
    return selected;
  }

  private static Map<String, ColumnKind> kinds(Map<String, String> visibleColumns) {
    Map<String, ColumnKind> kinds = new LinkedHashMap<>();
    visibleColumns.forEach((name, type) -> kinds.put(name, TrinoValues.kind(type)));
    return kinds;
  }

  /**
   * A total order: the primary key when the caller may see all of it, then every selected column,
   * so even a key that is declared but not enforced unique cannot make pages overlap. Rows alike in
   * every ordered column are alike to the client too, whatever order they come in.
   */
  private static List<String> orderBy(
      TableReference table, Map<String, String> visibleColumns, List<ResultColumn> selected) {
    List<String> order = new ArrayList<>();
    if (visibleColumns.keySet().containsAll(table.primaryKey())) {
      order.addAll(table.primaryKey());
    }
    for (ResultColumn column : selected) {
      if (!order.contains(column.name()) && TrinoValues.isOrderable(column.type())) {
        order.add(column.name());
      }
    }
    return order;
  }

  /**
   * Whether the filtered snapshot holds more than {@code rows} rows. Counting a {@code LIMIT}ed
   * scan needs no sort, and knowing this before the first row lets the token go in a header.
   */
  private static boolean hasRowsBeyond(
      Connection connection,
      TableReference table,
      long snapshotId,
      SqlFragment filter,
      long rows,
      QueryStatistics[] statistics)
      throws SQLException {
    String sql =
        "SELECT count(*) FROM (SELECT 1 FROM %s%s%s LIMIT %d)"
            .formatted(
                table.qualifiedName(),
                versionClause(OptionalLong.of(snapshotId)),
                whereClause(filter),
                rows + 1);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
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

  private static String pageQuery(
      TableReference table,
      long snapshotId,
      List<ResultColumn> selected,
      List<String> orderBy,
      SqlFragment filter,
      long offset,
      int limit) {
    StringBuilder sql = new StringBuilder("SELECT ");
    sql.append(
        String.join(
            ", ", selected.stream().map(column -> Identifiers.quote(column.name())).toList()));
    sql.append(" FROM ")
        .append(table.qualifiedName())
        .append(versionClause(OptionalLong.of(snapshotId)))
        .append(whereClause(filter));
    if (!orderBy.isEmpty()) {
      sql.append(" ORDER BY ")
          .append(String.join(", ", orderBy.stream().map(Identifiers::quote).toList()));
    }
    // Numbers the platform computed, never client text.
    return sql.append(" OFFSET ").append(offset).append(" LIMIT ").append(limit).toString();
  }

  private static String versionClause(OptionalLong snapshot) {
    return snapshot.isPresent() ? " FOR VERSION AS OF " + snapshot.getAsLong() : "";
  }

  private static String whereClause(SqlFragment filter) {
    return filter.isEmpty() ? "" : " WHERE (" + filter.sql() + ")";
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
      QueryStats stats = rows.unwrap(TrinoResultSet.class).getStats();
      return statistics.plus(
          stats.getQueryId(),
          stats.getPhysicalInputBytes(),
          stats.getProcessedBytes(),
          stats.getCpuTimeMillis(),
          stats.getWallTimeMillis(),
          stats.getProcessedRows());
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
