package io.tributary.policies.grant;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Which columns a grant shows: {@code all}, an include list or an exclude list, the two shapes Lake
 * Formation's {@code TableWithColumns} takes.
 */
public sealed interface ColumnSelection {

  /** Whether this selection shows that top-level column. */
  boolean shows(String column);

  /** The columns the selection names; empty for {@link All}. */
  List<String> columns();

  static ColumnSelection all() {
    return new All();
  }

  static ColumnSelection include(String... columns) {
    return new Include(List.of(columns));
  }

  static ColumnSelection exclude(String... columns) {
    return new Exclude(List.of(columns));
  }

  /** Every column, including columns added later. */
  record All() implements ColumnSelection {
    @Override
    public boolean shows(String column) {
      return true;
    }

    @Override
    public List<String> columns() {
      return List.of();
    }

    @Override
    public String toString() {
      return "all";
    }
  }

  /** Only these columns; columns added later stay hidden. At least one, each named once. */
  record Include(List<String> columns) implements ColumnSelection {
    public Include {
      columns = distinct("include", columns);
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("an include list needs at least one column");
      }
    }

    @Override
    public boolean shows(String column) {
      return columns.contains(column);
    }

    @Override
    public String toString() {
      return "include " + columns;
    }
  }

  /** Every column but these; columns added later are shown. */
  record Exclude(List<String> columns) implements ColumnSelection {
    public Exclude {
      columns = distinct("exclude", columns);
    }

    @Override
    public boolean shows(String column) {
      return !columns.contains(column);
    }

    @Override
    public String toString() {
      return "exclude " + columns;
    }
  }

  private static List<String> distinct(String what, List<String> columns) {
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    for (String column : columns) {
      Objects.requireNonNull(column, "column");
      if (!seen.add(column)) {
        throw new IllegalArgumentException(
            "column '%s' appears twice in the %s list".formatted(column, what));
      }
    }
    return List.copyOf(seen);
  }
}
