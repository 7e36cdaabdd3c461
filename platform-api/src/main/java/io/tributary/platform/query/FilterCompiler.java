package io.tributary.platform.query;

import io.tributary.policies.rowfilter.ColumnKind;
import java.util.Map;

/**
 * Turns the {@code filter} parameter, written in the portable row-filter language (design §5), into
 * a SQL condition with bound parameters: {@link RowFilterCompiler}, on the policies module's
 * parser.
 */
public interface FilterCompiler {

  /**
   * Compiles a filter over the columns the caller may see.
   *
   * @param filterText the filter as the client sent it; empty when there is none
   * @param columns every column the caller may see, in table order, and what it holds; a filter
   *     naming any other column must be refused, so a filter never probes hidden data
   * @return the condition, or {@link SqlFragment#EMPTY} for an empty filter; identifiers must be
   *     double-quoted and every literal a {@code ?} parameter
   * @throws InvalidParameterException for parameter {@code filter} when the text is not a valid
   *     filter over these columns
   */
  SqlFragment compile(String filterText, Map<String, ColumnKind> columns);
}
