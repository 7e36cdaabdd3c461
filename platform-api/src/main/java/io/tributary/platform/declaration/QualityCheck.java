package io.tributary.platform.declaration;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A data-quality check the engine runs against the product's table. Declared with a {@code type}:
 *
 * <pre>
 * - {type: not_null, column: order_id}
 * - {type: unique, column: order_id}
 * - {type: accepted_values, column: status, values: [placed, shipped]}
 * - {type: row_count_min, min: 1, severity: warn}
 * - {type: custom_sql, name: no_negative_amounts, sql: "SELECT count(*) FROM {table} WHERE ...", expect: 0}
 * </pre>
 *
 * Columns are top-level columns of the table. A custom SQL check must name its table as {@code
 * {table}}, which the platform replaces with the engine's qualified name, so that one check runs on
 * Trino and Athena alike; its single value is compared with {@code expect}. Every check may say
 * {@code severity: warn} (a failure makes the product's status {@code warn}) or {@code error}, the
 * default (a failure makes it {@code failing}).
 */
public sealed interface QualityCheck {

  /** The {@code type} as declared. */
  String type();

  /** How much a failure of this check matters. */
  Severity severity();

  /** How a failing check weighs on the product's status. */
  enum Severity {
    /** The product's status becomes {@code warn}. */
    WARN,
    /** The product's status becomes {@code failing}; the default. */
    ERROR;

    /** The name as declared: {@code warn} or {@code error}. */
    public String declaredName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Every value of the column is present. */
  record NotNull(String column, Severity severity) implements QualityCheck {
    public NotNull {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(severity, "severity");
    }

    public NotNull(String column) {
      this(column, Severity.ERROR);
    }

    @Override
    public String type() {
      return "not_null";
    }
  }

  /** No two rows share a value of the column. */
  record Unique(String column, Severity severity) implements QualityCheck {
    public Unique {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(severity, "severity");
    }

    public Unique(String column) {
      this(column, Severity.ERROR);
    }

    @Override
    public String type() {
      return "unique";
    }
  }

  /** Every value of the column is one of these (compared as text). */
  record AcceptedValues(String column, List<String> values, Severity severity)
      implements QualityCheck {
    public AcceptedValues {
      Objects.requireNonNull(column, "column");
      values = List.copyOf(values);
      Objects.requireNonNull(severity, "severity");
    }

    public AcceptedValues(String column, List<String> values) {
      this(column, values, Severity.ERROR);
    }

    @Override
    public String type() {
      return "accepted_values";
    }
  }

  /** The table has at least this many rows. */
  record RowCountMin(long min, Severity severity) implements QualityCheck {
    public RowCountMin {
      Objects.requireNonNull(severity, "severity");
    }

    public RowCountMin(long min) {
      this(min, Severity.ERROR);
    }

    @Override
    public String type() {
      return "row_count_min";
    }
  }

  /** A query returning one number, which must equal {@code expect}. */
  record CustomSql(String name, String sql, long expect, Severity severity)
      implements QualityCheck {
    /** The placeholder the platform replaces with the table's qualified name. */
    public static final String TABLE_PLACEHOLDER = "{table}";

    public CustomSql {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sql, "sql");
      Objects.requireNonNull(severity, "severity");
    }

    public CustomSql(String name, String sql, long expect) {
      this(name, sql, expect, Severity.ERROR);
    }

    @Override
    public String type() {
      return "custom_sql";
    }
  }
}
