package io.tributary.platform.pipeline;

import io.tributary.platform.declaration.Column;
import io.tributary.platform.declaration.ColumnType;
import io.tributary.platform.declaration.Source;
import io.tributary.platform.query.Identifiers;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of one refresh, the same for Trino and Athena (engine v3, Trino-based): the Iceberg
 * connector of both commits one snapshot per statement and runs no multi-statement transactions, so
 * every refresh that can be is ONE {@code MERGE}, and readers see the old rows or the new ones,
 * never an empty table.
 *
 * <ul>
 *   <li>{@code refresh: merge}: updates the rows whose key the query returns, inserts the new ones,
 *       keeps the rest.
 *   <li>{@code refresh: full} with a primary key: updates and inserts as a merge does, and deletes
 *       the rows whose key the query no longer returns.
 *   <li>{@code refresh: full} without a key: deletes every row of the table and inserts every row
 *       the query returns, duplicates included. The source is the table's distinct rows marked
 *       absent, then the query's rows marked present; only absent rows match, on every column
 *       {@code IS NOT DISTINCT FROM} (so nulls match), so each target row matches exactly one
 *       source row, as {@code MERGE} demands, while one absent source row may match (and delete)
 *       several equal target rows.
 *   <li>{@code refresh: full} without a key, with a column whose type holds a {@code map}: maps
 *       cannot be compared, so no row can be matched on them, and the refresh is {@code DELETE}
 *       then {@code INSERT}: two snapshots, and readers may briefly see the table empty.
 * </ul>
 *
 * <p>What Athena documents of this: {@code MERGE INTO} is "transactional and is supported only for
 * Apache Iceberg tables in Athena engine version 3", and "a user error is raised when a single
 * target table row matches more than one source row"
 * (https://docs.aws.amazon.com/athena/latest/ug/merge-into-statement.html); {@code INSERT}, {@code
 * UPDATE} and {@code DELETE} manage Iceberg table data, and "each data management transaction
 * produces a new snapshot"
 * (https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-updating-iceberg-table-data.html);
 * inputs are pinned with {@code FOR VERSION AS OF <snapshot id>}, "the bigint snapshot ID
 * associated with an Iceberg table version"
 * (https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-time-travel-and-version-travel-queries.html).
 */
public final class RefreshStatements {
  /** Marks the source rows of a full refresh that the query returned, against those to delete. */
  private static final String PRESENT = "\"tributary_refresh_present\"";

  private RefreshStatements() {}

  /** What a statement does, which says what an engine reports of the rows it wrote. */
  public enum Kind {
    MERGE,
    DELETE,
    INSERT
  }

  /** One statement of a refresh; each commits one snapshot. */
  public record Statement(Kind kind, String sql) {}

  /**
   * The statements of a refresh, in order.
   *
   * @param table the product's table, qualified and quoted
   * @param columns the table's columns, in order; the query returns columns of these names
   * @param primaryKey the key a merge matches rows on; may be empty for a full refresh
   * @param query the query, its inputs qualified and pinned
   */
  public static List<Statement> of(
      String table,
      List<Column> columns,
      List<String> primaryKey,
      Source.Refresh refresh,
      String query) {
    List<String> names = columns.stream().map(Column::name).toList();
    if (refresh == Source.Refresh.MERGE) {
      if (primaryKey.isEmpty()) {
        throw new IllegalArgumentException("a merge refresh needs a primary key to match rows on");
      }
      return List.of(new Statement(Kind.MERGE, mergeByKey(table, names, primaryKey, query, false)));
    }
    if (!primaryKey.isEmpty()) {
      return List.of(new Statement(Kind.MERGE, mergeByKey(table, names, primaryKey, query, true)));
    }
    if (columns.stream().allMatch(column -> comparable(column.type()))) {
      return List.of(new Statement(Kind.MERGE, replaceAll(table, names, query)));
    }
    String selected = list(names);
    return List.of(
        new Statement(Kind.DELETE, "DELETE FROM " + table),
        new Statement(
            Kind.INSERT,
            "INSERT INTO %s (%s) SELECT %s FROM (%s) AS derived"
                .formatted(table, selected, selected, query)));
  }

  /** Whether values of the type can be compared, so rows holding them can be matched. */
  static boolean comparable(ColumnType type) {
    return switch (type) {
      case ColumnType.MapOf ignored -> false;
      case ColumnType.ListOf list -> comparable(list.element());
      case ColumnType.StructOf struct ->
          struct.fields().stream().allMatch(field -> comparable(field.type()));
      default -> true;
    };
  }

  private static String mergeByKey(
      String table, List<String> columns, List<String> primaryKey, String query, boolean full) {
    String selected = list(columns);
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
          columns.stream()
              .map(column -> "existing." + quote(column))
              .collect(Collectors.joining(", "));
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
            .collect(Collectors.joining(", "));
    StringBuilder merge =
        new StringBuilder(
            "MERGE INTO %s AS target USING (%s) AS source ON %s".formatted(table, source, on));
    if (full) {
      merge.append(" WHEN MATCHED AND NOT source.").append(PRESENT).append(" THEN DELETE");
    }
    if (!updates.isEmpty()) {
      merge.append(" WHEN MATCHED THEN UPDATE SET ").append(updates);
    }
    return merge.append(" WHEN NOT MATCHED THEN ").append(insert(columns)).toString();
  }

  private static String replaceAll(String table, List<String> columns, String query) {
    String selected = list(columns);
    String rowsMatch =
        columns.stream()
            .map(column -> "target.%1$s IS NOT DISTINCT FROM source.%1$s".formatted(quote(column)))
            .collect(Collectors.joining(" AND "));
    return ("MERGE INTO %1$s AS target USING (SELECT DISTINCT %2$s, false AS %4$s FROM %1$s"
            + " UNION ALL SELECT %2$s, true FROM (%3$s) AS derived) AS source"
            + " ON NOT source.%4$s AND %5$s"
            + " WHEN MATCHED THEN DELETE"
            + " WHEN NOT MATCHED AND source.%4$s THEN %6$s")
        .formatted(table, selected, query, PRESENT, rowsMatch, insert(columns));
  }

  private static String insert(List<String> columns) {
    String values =
        columns.stream().map(column -> "source." + quote(column)).collect(Collectors.joining(", "));
    return "INSERT (%s) VALUES (%s)".formatted(list(columns), values);
  }

  private static String list(List<String> columns) {
    return columns.stream().map(RefreshStatements::quote).collect(Collectors.joining(", "));
  }

  private static String quote(String identifier) {
    return Identifiers.quote(identifier);
  }
}
