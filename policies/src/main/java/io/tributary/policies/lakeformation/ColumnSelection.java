package io.tributary.policies.lakeformation;

import java.util.List;

/** Which columns of a product a grant declares: all of them, only some, or all but some. */
public sealed interface ColumnSelection {

  /** Every column, including columns added later. */
  record All() implements ColumnSelection {}

  /** Only these columns. */
  record Include(List<String> columns) implements ColumnSelection {
    public Include {
      columns = List.copyOf(columns);
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("an include list needs at least one column");
      }
    }
  }

  /** Every column but these, including columns added later. */
  record Exclude(List<String> columns) implements ColumnSelection {
    public Exclude {
      columns = List.copyOf(columns);
    }
  }

  static ColumnSelection all() {
    return new All();
  }

  static ColumnSelection include(String... columns) {
    return new Include(List.of(columns));
  }

  static ColumnSelection exclude(String... columns) {
    return new Exclude(List.of(columns));
  }
}
