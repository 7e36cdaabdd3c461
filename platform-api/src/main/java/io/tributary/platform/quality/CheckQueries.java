package io.tributary.platform.quality;

import io.tributary.platform.declaration.QualityCheck;
import io.tributary.platform.query.Identifiers;
import io.tributary.platform.query.TableReference;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Compiles a check to one SQL query that returns a single number: the count of violating rows or
 * values, the row count for {@code row_count_min}, the custom query's own value. The SQL keeps to
 * what Trino and Athena (engine version 3) both run: quoted identifiers, {@code count(*)}, {@code
 * CAST(... AS varchar)}, string literals with doubled quotes, and {@code FOR VERSION AS OF} so
 * every check of one evaluation reads the same snapshot.
 */
public final class CheckQueries {
  private CheckQueries() {}

  /** The check's display name: its type and the column or name it is about. */
  public static String name(QualityCheck check) {
    return switch (check) {
      case QualityCheck.NotNull notNull -> check.type() + ":" + notNull.column();
      case QualityCheck.Unique unique -> check.type() + ":" + unique.column();
      case QualityCheck.AcceptedValues accepted -> check.type() + ":" + accepted.column();
      case QualityCheck.RowCountMin ignored -> check.type();
      case QualityCheck.CustomSql custom -> check.type() + ":" + custom.name();
    };
  }

  /**
   * The query of one check.
   *
   * @param snapshotId the snapshot every check reads; empty for a table without one (no data)
   */
  public static String sql(QualityCheck check, TableReference table, OptionalLong snapshotId) {
    String source =
        table.qualifiedName()
            + (snapshotId.isPresent() ? " FOR VERSION AS OF " + snapshotId.getAsLong() : "");
    return switch (check) {
      case QualityCheck.NotNull notNull ->
          "SELECT count(*) FROM %s WHERE %s IS NULL".formatted(source, column(notNull.column()));
      case QualityCheck.Unique unique -> {
        String column = column(unique.column());
        // Counts the values held by more than one row; nulls are not values here.
        yield ("SELECT count(*) FROM (SELECT %1$s FROM %2$s WHERE %1$s IS NOT NULL"
                + " GROUP BY %1$s HAVING count(*) > 1) duplicated")
            .formatted(column, source);
      }
      case QualityCheck.AcceptedValues accepted -> {
        String column = column(accepted.column());
        if (accepted.values().isEmpty()) {
          yield "SELECT count(*) FROM %s WHERE %s IS NOT NULL".formatted(source, column);
        }
        String values =
            accepted.values().stream().map(CheckQueries::literal).collect(Collectors.joining(", "));
        yield "SELECT count(*) FROM %s WHERE %s IS NOT NULL AND CAST(%s AS varchar) NOT IN (%s)"
            .formatted(source, column, column, values);
      }
      case QualityCheck.RowCountMin ignored -> "SELECT count(*) FROM " + source;
      case QualityCheck.CustomSql custom ->
          custom.sql().replace(QualityCheck.CustomSql.TABLE_PLACEHOLDER, source);
    };
  }

  /** A string literal: the value between single quotes, inner quotes doubled. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static String column(String name) {
    if (!Identifiers.isValid(name)) {
      // The parser allows only plain column names; anything else here is a bug, not input.
      throw new IllegalArgumentException("'%s' cannot be a column name".formatted(name));
    }
    return Identifiers.quote(name.toLowerCase(Locale.ROOT));
  }
}
