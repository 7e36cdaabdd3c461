package io.tributary.platform.query;

import java.util.Map;

/**
 * Stands in until the row-filter language's parser is wired: an empty filter means no condition,
 * anything else is refused rather than silently ignored, which would return rows the client did not
 * ask for.
 */
public final class UnavailableFilterCompiler implements FilterCompiler {

  @Override
  public SqlFragment compile(String filterText, Map<String, ColumnKind> columns) {
    if (filterText == null || filterText.isBlank()) {
      return SqlFragment.EMPTY;
    }
    throw new InvalidParameterException(
        ReadRequest.FILTER, "row filters are not available yet; leave filter empty");
  }
}
