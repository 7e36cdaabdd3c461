package io.tributary.platform.declaration;

import java.util.List;

/**
 * Which columns a grant shows: {@code all}, {@code {include: [a, b]}} or {@code {exclude: [c]}}.
 * These are the two shapes Lake Formation's {@code TableWithColumns} supports.
 */
public sealed interface ColumnSelection {

  /** Whether this selection shows that top-level column. */
  boolean shows(String column);

  /** Every column, including columns added later. */
  record All() implements ColumnSelection {
    @Override
    public boolean shows(String column) {
      return true;
    }

    @Override
    public String toString() {
      return "all";
    }
  }

  /** Only these columns; columns added later stay hidden. */
  record Include(List<String> columns) implements ColumnSelection {
    public Include {
      columns = List.copyOf(columns);
    }

    @Override
    public boolean shows(String column) {
      return columns.contains(column);
    }
  }

  /** Every column but these; columns added later are shown. */
  record Exclude(List<String> columns) implements ColumnSelection {
    public Exclude {
      columns = List.copyOf(columns);
    }

    @Override
    public boolean shows(String column) {
      return !columns.contains(column);
    }
  }
}
