package io.tributary.platform.provisioning;

import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * What one product's Iceberg table should look like. The schema's field ids are only meaningful
 * within this object: the planner matches columns with an existing table by name.
 *
 * @param identifier {@code <domain>.<product>}
 * @param schema the columns, their types, docs and identifier fields (the primary key)
 * @param spec the partitioning, bound to {@code schema}
 * @param sortOrder the sort order, bound to {@code schema}
 * @param properties the table properties the platform manages (declared ones and its own)
 */
public record DesiredTable(
    TableIdentifier identifier,
    Schema schema,
    PartitionSpec spec,
    SortOrder sortOrder,
    Map<String, String> properties) {

  public DesiredTable {
    Objects.requireNonNull(identifier);
    Objects.requireNonNull(schema);
    Objects.requireNonNull(spec);
    Objects.requireNonNull(sortOrder);
    properties = Map.copyOf(properties);
  }
}
