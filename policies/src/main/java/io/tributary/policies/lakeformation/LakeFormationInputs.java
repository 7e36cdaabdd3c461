package io.tributary.policies.lakeformation;

import io.tributary.policies.grant.Grant;
import io.tributary.policies.grant.ProductColumns;
import io.tributary.policies.rowfilter.RowFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiler's inputs from the platform's grant model, so one declared or approved grant means
 * the same thing on Trino and on Lake Formation.
 */
public final class LakeFormationInputs {
  private LakeFormationInputs() {}

  /**
   * One product for the compiler.
   *
   * @param table the product's columns with their Iceberg types
   * @param zone raw, curated or analytics
   * @param classifications a column's classification (such as {@code pii}), where it has one
   * @param partitionColumns the columns Glue lists as partition columns
   * @param grants grants of any product; only this product's are taken
   */
  public static ProductInput product(
      ProductColumns table,
      String zone,
      Map<String, String> classifications,
      List<String> partitionColumns,
      List<Grant> grants) {
    List<ColumnInput> columns = new ArrayList<>();
    for (ProductColumns.Column column : table.columns()) {
      columns.add(
          new ColumnInput(column.name(), column.icebergType(), classifications.get(column.name())));
    }
    List<GrantInput> inputs = new ArrayList<>();
    for (Grant grant : grants) {
      if (grant.product().equals(table.product())) {
        inputs.add(grant(grant));
      }
    }
    return new ProductInput(
        table.product().domain(),
        table.product().product(),
        zone,
        columns,
        partitionColumns,
        inputs);
  }

  static GrantInput grant(Grant grant) {
    Map<String, Mask> masks = new LinkedHashMap<>();
    grant.masks().forEach((column, mask) -> masks.put(column, Mask.of(mask.declaredName())));
    return new GrantInput(
        grant.principal().toString(),
        selection(grant.columns()),
        masks,
        grant.rowFilter().map(RowFilter::toSqlText).orElse(null),
        grant.expires().orElse(null),
        grant.purpose().orElse(null));
  }

  private static ColumnSelection selection(io.tributary.policies.grant.ColumnSelection columns) {
    return switch (columns) {
      case io.tributary.policies.grant.ColumnSelection.All all -> ColumnSelection.all();
      case io.tributary.policies.grant.ColumnSelection.Include include ->
          ColumnSelection.include(include.columns().toArray(String[]::new));
      case io.tributary.policies.grant.ColumnSelection.Exclude exclude ->
          ColumnSelection.exclude(exclude.columns().toArray(String[]::new));
    };
  }
}
