package io.tributary.platform.declaration;

import java.util.List;
import java.util.Objects;

/**
 * A data-quality check the engine runs against the product's table. Declared with a {@code type}:
 *
 * <pre>
 * - {type: not_null, column: order_id}
 * - {type: unique, column: order_id}
 * - {type: accepted_values, column: status, values: [placed, shipped]}
 * - {type: row_count_min, min: 1}
 * - {type: custom_sql, name: no_negative_amounts, sql: "SELECT count(*) FROM {table} WHERE ...", expect: 0}
 * </pre>
 *
 * Columns are top-level columns of the table. A custom SQL check must name its table as {@code
 * {table}}, which the platform replaces with the engine's qualified name, so that one check runs on
 * Trino and Athena alike; its single value is compared with {@code expect}.
 */
public sealed interface QualityCheck {

  /** The {@code type} as declared. */
  String type();

  /** Every value of the column is present. */
  record NotNull(String column) implements QualityCheck {
    public NotNull {
      Objects.requireNonNull(column, "column");
    }

    @Override
    public String type() {
      return "not_null";
    }
  }

  /** No two rows share a value of the column. */
  record Unique(String column) implements QualityCheck {
    public Unique {
      Objects.requireNonNull(column, "column");
    }

    @Override
    public String type() {
      return "unique";
    }
  }

  /** Every value of the column is one of these (compared as text). */
  record AcceptedValues(String column, List<String> values) implements QualityCheck {
    public AcceptedValues {
      Objects.requireNonNull(column, "column");
      values = List.copyOf(values);
    }

    @Override
    public String type() {
      return "accepted_values";
    }
  }

  /** The table has at least this many rows. */
  record RowCountMin(long min) implements QualityCheck {
    @Override
    public String type() {
      return "row_count_min";
    }
  }

  /** A query returning one number, which must equal {@code expect}. */
  record CustomSql(String name, String sql, long expect) implements QualityCheck {
    /** The placeholder the platform replaces with the table's qualified name. */
    public static final String TABLE_PLACEHOLDER = "{table}";

    public CustomSql {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sql, "sql");
    }

    @Override
    public String type() {
      return "custom_sql";
    }
  }
}
