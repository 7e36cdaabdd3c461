package io.tributary.platform.query;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The page of a table that has no snapshot yet: its columns, no rows, no next page.
 *
 * @param columns the columns the caller would see
 */
public record EmptyDataPage(List<ResultColumn> columns) implements DataPage {

  public EmptyDataPage {
    columns = List.copyOf(columns);
  }

  @Override
  public OptionalLong snapshotId() {
    return OptionalLong.empty();
  }

  @Override
  public Optional<String> nextPageToken() {
    return Optional.empty();
  }

  @Override
  public boolean next() {
    return false;
  }

  @Override
  public Object value(int column) {
    throw new IllegalStateException("An empty page has no rows");
  }

  @Override
  public void close() {}
}
