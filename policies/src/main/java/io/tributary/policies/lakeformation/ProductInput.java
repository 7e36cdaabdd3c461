package io.tributary.policies.lakeformation;

import java.util.List;
import java.util.Objects;

/**
 * One data product as the Lake Formation compiler sees it: a Glue table and its grants.
 *
 * @param domain the owning domain, which is the Glue database
 * @param product the product's name, which is the Glue table
 * @param zone {@code raw}, {@code curated} or {@code analytics}
 * @param columns the table's columns, in order
 * @param partitionColumns the columns Glue lists as partition columns; Lake Formation refuses
 *     {@code IS [NOT] NULL} on them in a row filter
 * @param grants the product's grants
 */
public record ProductInput(
    String domain,
    String product,
    String zone,
    List<ColumnInput> columns,
    List<String> partitionColumns,
    List<GrantInput> grants) {
  public ProductInput {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(zone, "zone");
    columns = List.copyOf(columns);
    partitionColumns = List.copyOf(partitionColumns == null ? List.of() : partitionColumns);
    grants = List.copyOf(grants);
  }

  /** A product without partition columns. */
  public ProductInput(
      String domain,
      String product,
      String zone,
      List<ColumnInput> columns,
      List<GrantInput> grants) {
    this(domain, product, zone, columns, List.of(), grants);
  }

  /** {@code domain.product}, as the platform names a product everywhere. */
  public String qualifiedName() {
    return domain + "." + product;
  }
}
