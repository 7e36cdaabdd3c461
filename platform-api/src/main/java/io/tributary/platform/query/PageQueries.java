package io.tributary.platform.query;

import io.tributary.policies.rowfilter.ColumnKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The SQL every Trino-dialect engine (Trino itself, Athena engine v3) runs to serve a page, and the
 * paging rules around it, so both engines serve the same rows in the same order and pin the same
 * snapshot.
 *
 * <p>A page is served from one Iceberg snapshot: the first page pins the table's current snapshot
 * (or the one {@code asOf} names) and its token carries it on. Rows come in a total order (the
 * primary key, then every selected column), which makes {@code OFFSET} paging over a fixed snapshot
 * exact. Values are always {@code ?} placeholders; only validated, quoted identifiers and numbers
 * the platform computed become SQL text.
 */
public final class PageQueries {
  private PageQueries() {}

  /** Runs a query whose first row's first column is a snapshot id; empty when it has no rows. */
  @FunctionalInterface
  public interface SnapshotLookup<E extends Exception> {
    OptionalLong first(String sql, List<Object> parameters) throws E;
  }

  /**
   * Where a read starts: the snapshot it is pinned to (empty when the table has none yet), the rows
   * earlier pages served, and the identity its page tokens carry.
   */
  public record Start(OptionalLong snapshot, long offset, String identity) {

    /** The token of the page after one of {@code limit} rows from here. */
    public PageToken nextPageToken(int limit) {
      return PageToken.issue(snapshot.orElseThrow(), offset + limit, identity);
    }
  }

  /**
   * Where the read continues (the page token's snapshot and offset) or, for a first page, the
   * pinned snapshot, looked up with {@code lookup}.
   *
   * @throws InvalidParameterException when the token belongs to another read, or {@code asOf} names
   *     a version the table does not have
   */
  public static <E extends Exception> Start start(
      TableReference table, ReadRequest request, SnapshotLookup<E> lookup) throws E {
    String identity = request.identity(table);
    if (request.pageToken().isPresent()) {
      PageToken token = request.pageToken().get();
      if (!token.continues(identity)) {
        throw new InvalidParameterException(
            ReadRequest.PAGE_TOKEN,
            "it continues a read of other columns, filter, asOf or product, or was altered;"
                + " repeat the first page's parameters with it");
      }
      return new Start(OptionalLong.of(token.snapshotId()), token.offset(), identity);
    }
    return new Start(pinnedSnapshot(table, request.asOf(), lookup), 0, identity);
  }

  /** The error for a page token whose snapshot snapshot expiry removed. */
  public static InvalidParameterException expiredSnapshot() {
    return new InvalidParameterException(
        ReadRequest.PAGE_TOKEN,
        "the snapshot this read was pinned to no longer exists; start again without pageToken");
  }

  private static <E extends Exception> OptionalLong pinnedSnapshot(
      TableReference table, Optional<AsOf> asOf, SnapshotLookup<E> lookup) throws E {
    return switch (asOf.orElse(null)) {
      case null ->
          lookup.first(
              "SELECT snapshot_id FROM %s ORDER BY made_current_at DESC LIMIT 1"
                  .formatted(table.metadataTable("history")),
              List.of());
      case AsOf.AtSnapshot(long snapshotId) -> {
        OptionalLong known =
            lookup.first(
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
            lookup.first(
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
  }

  /**
   * The query whose result columns are the ones the caller may see: {@code SELECT *} as the caller,
   * which the engine's rules narrow to their columns (Trino's {@code hide-inaccessible-columns},
   * Lake Formation's column grants), and which fails when they may not read the table at all.
   */
  public static String visibleColumnsQuery(TableReference table, OptionalLong snapshot) {
    return "SELECT * FROM %s%s LIMIT 0".formatted(table.qualifiedName(), versionClause(snapshot));
  }

  /** The requested columns, in the requested order, or every visible one when none is asked. */
  public static List<ResultColumn> selectedColumns(
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

  /** What each visible column holds, for the row-filter language. */
  public static Map<String, ColumnKind> kinds(Map<String, String> visibleColumns) {
    Map<String, ColumnKind> kinds = new LinkedHashMap<>();
    visibleColumns.forEach((name, type) -> kinds.put(name, kind(type)));
    return kinds;
  }

  /** What a Trino-dialect type holds, for the row-filter language. */
  public static ColumnKind kind(String engineType) {
    String type = engineType.toLowerCase(Locale.ROOT);
    if (type.equals("boolean")) {
      return ColumnKind.BOOLEAN;
    }
    if (type.matches("tinyint|smallint|integer|bigint")) {
      return ColumnKind.INTEGER;
    }
    if (type.matches("real|double")) {
      return ColumnKind.FLOAT;
    }
    if (type.startsWith("decimal")) {
      return ColumnKind.DECIMAL;
    }
    if (type.startsWith("varchar") || type.startsWith("char")) {
      return ColumnKind.STRING;
    }
    if (type.equals("date")) {
      return ColumnKind.DATE;
    }
    // A timestamp with a time zone compares in the session's zone: the language leaves it out.
    if (type.startsWith("timestamp") && !type.contains("with time zone")) {
      return ColumnKind.TIMESTAMP;
    }
    return ColumnKind.OTHER;
  }

  /**
   * Whether the engine can sort by a column of this type: everything Iceberg has but maps and what
   * contains one.
   */
  public static boolean isOrderable(String engineType) {
    // Athena reports a map column's type as plain "map", Trino with its key and value types.
    String type = engineType.toLowerCase(Locale.ROOT);
    return !type.contains("map(") && !type.equals("map");
  }

  /**
   * A total order: the primary key when the caller may see all of it, then every selected column,
   * so even a key that is declared but not enforced unique cannot make pages overlap. Rows alike in
   * every ordered column are alike to the client too, whatever order they come in.
   */
  public static List<String> orderBy(
      TableReference table, Map<String, String> visibleColumns, List<ResultColumn> selected) {
    List<String> order = new ArrayList<>();
    if (visibleColumns.keySet().containsAll(table.primaryKey())) {
      order.addAll(table.primaryKey());
    }
    for (ResultColumn column : selected) {
      if (!order.contains(column.name()) && isOrderable(column.type())) {
        order.add(column.name());
      }
    }
    return order;
  }

  /**
   * Counts the filtered snapshot's rows up to one more than {@code rows}: more than {@code rows}
   * means there is a next page. Counting a {@code LIMIT}ed scan needs no sort, and knowing this
   * before the first row lets the token go in a header. Binds the filter's parameters.
   */
  public static String countQuery(
      TableReference table, long snapshotId, SqlFragment filter, long rows) {
    return "SELECT count(*) FROM (SELECT 1 FROM %s%s%s LIMIT %d)"
        .formatted(
            table.qualifiedName(),
            versionClause(OptionalLong.of(snapshotId)),
            whereClause(filter),
            rows + 1);
  }

  /** The page's rows, in the total order. Binds the filter's parameters. */
  public static String pageQuery(
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
}
