package io.tributary.policies.lakeformation;

import java.util.Objects;

/** What a Lake Formation permission is granted on. */
public sealed interface PermissionResource {

  /** The table the resource belongs to. */
  TableResource table();

  /** Columns of a table: a {@code TableWithColumns} resource. */
  record TableColumns(TableResource table, ColumnSpec columns) implements PermissionResource {
    public TableColumns {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(columns, "columns");
    }
  }

  /**
   * A data cells filter of a table: a {@code DataCellsFilter} resource. Its columns and rows are
   * the filter's.
   */
  record DataCellsFilterResource(TableResource table, String name) implements PermissionResource {
    public DataCellsFilterResource {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(name, "name");
    }
  }
}
