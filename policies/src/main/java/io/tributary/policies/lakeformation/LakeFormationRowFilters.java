package io.tributary.policies.lakeformation;

import io.tributary.policies.rowfilter.ColumnKind;
import io.tributary.policies.rowfilter.RowFilter;
import io.tributary.policies.rowfilter.RowFilterExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Lake Formation's row filters accept beyond the portable language, from "PartiQL support in
 * row filter expressions" in its developer guide: fewer than 2048 characters; columns of string,
 * numeric, boolean or struct types only (so no date, timestamp, time, uuid, binary, list or map);
 * no {@code IS [NOT] NULL} on partition columns. A filter outside these is refused rather than
 * loosened.
 */
final class LakeFormationRowFilters {
  private LakeFormationRowFilters() {}

  /**
   * Every reason Lake Formation cannot apply this filter, already valid for the table, as it is.
   *
   * @param columns the table's columns by name
   * @param partitionColumns the table's partition columns
   */
  static List<String> problems(
      RowFilter filter, Map<String, ColumnInput> columns, Set<String> partitionColumns) {
    List<String> problems = new ArrayList<>();
    String expression = filter.toSqlText();
    int length = expression.codePointCount(0, expression.length());
    if (length > LakeFormationNames.MAX_FILTER_EXPRESSION_LENGTH) {
      problems.add(
          "the row filter is "
              + length
              + " characters long once written out, and Lake Formation takes fewer than 2048");
    }
    for (String name : filter.columns()) {
      ColumnInput column = columns.get(name);
      if (column != null && !isFilterable(column.icebergType())) {
        problems.add(
            "row filter column '"
                + name
                + "' is of type "
                + column.icebergType()
                + ", and Lake Formation filters rows only on string, numeric, boolean and struct"
                + " columns");
      }
    }
    Set<String> nullTestedPartitions = new TreeSet<>();
    collectNullTests(filter.expression(), partitionColumns, nullTestedPartitions);
    for (String name : nullTestedPartitions) {
      problems.add(
          "row filter tests partition column '"
              + name
              + "' with IS [NOT] NULL, which Lake Formation does not allow on partition columns");
    }
    return problems;
  }

  private static boolean isFilterable(String icebergType) {
    return switch (ColumnKind.ofIcebergType(icebergType)) {
      case STRING, INTEGER, DECIMAL, FLOAT, BOOLEAN -> true;
      case DATE, TIMESTAMP -> false;
      case OTHER -> icebergType.strip().toLowerCase(Locale.ROOT).startsWith("struct<");
    };
  }

  private static void collectNullTests(
      RowFilterExpression expression, Set<String> partitionColumns, Set<String> found) {
    switch (expression) {
      case RowFilterExpression.And and ->
          and.operands().forEach(operand -> collectNullTests(operand, partitionColumns, found));
      case RowFilterExpression.Or or ->
          or.operands().forEach(operand -> collectNullTests(operand, partitionColumns, found));
      case RowFilterExpression.Not not -> collectNullTests(not.operand(), partitionColumns, found);
      case RowFilterExpression.IsNull isNull -> {
        if (partitionColumns.contains(isNull.column().name())) {
          found.add(isNull.column().name());
        }
      }
      case RowFilterExpression.Comparison ignored -> {}
      case RowFilterExpression.In ignored -> {}
      case RowFilterExpression.Between ignored -> {}
      case RowFilterExpression.Like ignored -> {}
    }
  }
}
