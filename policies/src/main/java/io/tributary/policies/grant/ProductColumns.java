package io.tributary.policies.grant;

import io.tributary.policies.rowfilter.ColumnKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A product's top-level columns, in table order, with their Iceberg types as the declarations write
 * them ({@code long}, {@code string}, {@code decimal(12,2)}, {@code timestamptz}, {@code
 * list<string>}, ...).
 */
public record ProductColumns(ProductName product, List<Column> columns) {

  /** One column and its Iceberg type. */
  public record Column(String name, String icebergType) {
    public Column {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(icebergType, "icebergType");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("a column name cannot be empty");
      }
    }
  }

  public ProductColumns {
    Objects.requireNonNull(product, "product");
    columns = List.copyOf(columns);
    Map<String, Column> byName = new LinkedHashMap<>();
    for (Column column : columns) {
      if (byName.put(column.name(), column) != null) {
        throw new IllegalArgumentException(
            "column '%s' appears twice in %s".formatted(column.name(), product));
      }
    }
  }

  /**
   * Reads {@code name type} pairs: {@code of(product, "id", "long", "email", "string")}.
   *
   * @throws IllegalArgumentException when a type is missing
   */
  public static ProductColumns of(ProductName product, String... namesAndTypes) {
    if (namesAndTypes.length % 2 != 0) {
      throw new IllegalArgumentException("expected pairs of column name and Iceberg type");
    }
    List<Column> columns = new ArrayList<>();
    for (int index = 0; index < namesAndTypes.length; index += 2) {
      columns.add(new Column(namesAndTypes[index], namesAndTypes[index + 1]));
    }
    return new ProductColumns(product, columns);
  }

  /** The column names in table order. */
  public List<String> names() {
    return columns.stream().map(Column::name).toList();
  }

  public boolean has(String name) {
    return type(name).isPresent();
  }

  /** The column's Iceberg type, if the product has it. */
  public Optional<String> type(String name) {
    return columns.stream()
        .filter(column -> column.name().equals(name))
        .map(Column::icebergType)
        .findFirst();
  }

  /** The columns as the row-filter language sees them, for {@code RowFilter.check}. */
  public Map<String, ColumnKind> kinds() {
    Map<String, ColumnKind> kinds = new LinkedHashMap<>();
    columns.forEach(
        column -> kinds.put(column.name(), ColumnKind.ofIcebergType(column.icebergType())));
    return kinds;
  }
}
