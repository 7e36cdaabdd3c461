package io.tributary.platform.declaration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Iceberg table behind a product.
 *
 * <pre>
 * table:
 *   columns: [...]                           # required, at least one
 *   primaryKey: [order_id]                   # optional; required primitive columns
 *   partitioning: ["day(ordered_at)"]        # optional
 *   sortOrder: ["ordered_at desc"]           # optional
 *   properties: {write.format.default: parquet}   # optional Iceberg table properties
 * </pre>
 *
 * @param columns in declaration order, which is also the Iceberg column order
 * @param primaryKey column names; they become the Iceberg schema's identifier fields and the upsert
 *     key of ingestion
 * @param partitioning the Iceberg partition spec, in order
 * @param sortOrder the Iceberg sort order, in order
 * @param properties Iceberg table properties, values as text
 */
public record Table(
    List<Column> columns,
    List<String> primaryKey,
    List<PartitionField> partitioning,
    List<SortField> sortOrder,
    Map<String, String> properties) {

  public Table {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    partitioning = List.copyOf(partitioning);
    sortOrder = List.copyOf(sortOrder);
    // A LinkedHashMap keeps the declared order, which Map.copyOf would lose.
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** The column of that name, if declared. */
  public Optional<Column> column(String name) {
    return columns.stream().filter(column -> column.name().equals(name)).findFirst();
  }
}
