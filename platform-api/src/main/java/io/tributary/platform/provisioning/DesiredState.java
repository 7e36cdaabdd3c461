package io.tributary.platform.provisioning;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * A domain's desired state in the catalog: its namespace and one table per active product; retired
 * products keep their table (and data) but are marked retired.
 *
 * @param domain the domain, which is also the Iceberg namespace
 * @param namespaceProperties properties of the namespace (owner, description)
 * @param tables the active products' tables
 * @param retired the retired products' tables
 */
public record DesiredState(
    String domain,
    Map<String, String> namespaceProperties,
    List<DesiredTable> tables,
    List<TableIdentifier> retired) {

  public DesiredState {
    namespaceProperties = Map.copyOf(namespaceProperties);
    tables = List.copyOf(tables);
    retired = List.copyOf(retired);
  }
}
