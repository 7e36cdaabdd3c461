package io.tributary.platform.query;

import io.tributary.policies.rowfilter.ColumnKind;
import io.tributary.policies.rowfilter.ParameterizedSql;
import io.tributary.policies.rowfilter.RowFilter;
import io.tributary.policies.rowfilter.RowFilterException;
import io.tributary.policies.rowfilter.RowFilterProblem;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The data endpoint's {@code filter}: the portable row-filter language, parsed and checked against
 * the columns the caller may see, and rendered with every value as a bound parameter.
 */
public final class RowFilterCompiler implements FilterCompiler {

  @Override
  public SqlFragment compile(String filterText, Map<String, ColumnKind> columns) {
    if (filterText == null || filterText.isBlank()) {
      return SqlFragment.EMPTY;
    }
    try {
      ParameterizedSql sql = RowFilter.parse(filterText).requireValid(columns).toTrinoSql();
      return new SqlFragment(sql.sql(), sql.parameters());
    } catch (RowFilterException invalid) {
      throw new InvalidParameterException(
          ReadRequest.FILTER,
          invalid.problems().stream()
              .map(RowFilterProblem::toString)
              .collect(Collectors.joining("; ")));
    }
  }
}
