package io.tributary.policies.lakeformation;

import java.util.Objects;

/**
 * A data cells filter to create with {@code CreateDataCellsFilter}: rows by a filter expression,
 * columns by a column spec, on one table.
 *
 * @param table the filtered table
 * @param name the filter's name, unique on the table ({@link LakeFormationNames#dataCellsFilter})
 * @param filterExpression the row filter's canonical text (the {@code FilterExpression})
 * @param columns the visible columns
 */
public record DataCellsFilter(
    TableResource table, String name, String filterExpression, ColumnSpec columns) {
  public DataCellsFilter {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(filterExpression, "filterExpression");
    Objects.requireNonNull(columns, "columns");
  }

  /** The resource a grant on this filter names. */
  public PermissionResource.DataCellsFilterResource resource() {
    return new PermissionResource.DataCellsFilterResource(table, name);
  }
}
