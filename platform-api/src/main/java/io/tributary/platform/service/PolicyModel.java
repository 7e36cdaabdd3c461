package io.tributary.platform.service;

import io.tributary.platform.declaration.Column;
import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.Problem;
import io.tributary.policies.grant.ColumnSelection;
import io.tributary.policies.grant.Grant;
import io.tributary.policies.grant.Mask;
import io.tributary.policies.grant.Principal;
import io.tributary.policies.grant.ProductColumns;
import io.tributary.policies.grant.ProductName;
import io.tributary.policies.rowfilter.RowFilterException;
import java.util.ArrayList;
import java.util.List;

/** A declared product as the policies module sees it: its columns and its grants. */
public final class PolicyModel {
  private PolicyModel() {}

  public static ProductName name(DataProduct product) {
    return ProductName.of(product.metadata().domain(), product.metadata().name());
  }

  public static ProductColumns columns(DataProduct product) {
    List<ProductColumns.Column> columns = new ArrayList<>();
    for (Column column : product.spec().table().columns()) {
      columns.add(new ProductColumns.Column(column.name(), column.type().toString()));
    }
    return new ProductColumns(name(product), columns);
  }

  /** The grants the declaration makes, in declaration order. */
  public static List<Grant> declaredGrants(DataProduct product) {
    List<Grant> grants = new ArrayList<>();
    for (io.tributary.platform.declaration.Grant declared : product.spec().access().grants()) {
      grants.add(grant(product, declared));
    }
    return grants;
  }

  private static Grant grant(
      DataProduct product, io.tributary.platform.declaration.Grant declared) {
    Grant.Builder grant =
        Grant.to(Principal.parse(declared.principal().toString()), name(product))
            .columns(selection(declared.columns()));
    declared.masks().forEach((column, mask) -> grant.mask(column, Mask.valueOf(mask.name())));
    declared.rowFilter().ifPresent(grant::rowFilter);
    declared.expires().ifPresent(grant::expires);
    declared.purpose().ifPresent(grant::purpose);
    return grant.build();
  }

  private static ColumnSelection selection(
      io.tributary.platform.declaration.ColumnSelection columns) {
    return switch (columns) {
      case io.tributary.platform.declaration.ColumnSelection.All all -> ColumnSelection.all();
      case io.tributary.platform.declaration.ColumnSelection.Include include ->
          ColumnSelection.include(include.columns().toArray(String[]::new));
      case io.tributary.platform.declaration.ColumnSelection.Exclude exclude ->
          ColumnSelection.exclude(exclude.columns().toArray(String[]::new));
    };
  }

  /**
   * What the policies module finds wrong with the declaration's grants: a row filter outside the
   * portable language or not fitting the columns, a hash mask on a column that is not text, ...
   */
  public static List<Problem> check(DataProduct product) {
    List<Problem> problems = new ArrayList<>();
    ProductColumns columns = columns(product);
    List<io.tributary.platform.declaration.Grant> declared = product.spec().access().grants();
    for (int index = 0; index < declared.size(); index++) {
      String pointer = "/spec/access/grants/" + index;
      try {
        for (String problem : grant(product, declared.get(index)).check(columns)) {
          problems.add(
              new Problem(
                  problem.startsWith("rowFilter") ? pointer + "/rowFilter" : pointer, problem));
        }
      } catch (RowFilterException unreadable) {
        problems.add(new Problem(pointer + "/rowFilter", unreadable.getMessage()));
      } catch (IllegalArgumentException unreadable) {
        problems.add(new Problem(pointer, unreadable.getMessage()));
      }
    }
    return problems;
  }
}
