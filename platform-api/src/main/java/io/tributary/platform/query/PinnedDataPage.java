package io.tributary.platform.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What every engine's page knows before its first row: the columns, the snapshot it was pinned to
 * and the token of the next page. Engines add how rows are fetched and released.
 */
public abstract class PinnedDataPage implements DataPage {
  private final List<ResultColumn> columns;
  private final long snapshotId;
  private final Optional<String> nextPageToken;

  protected PinnedDataPage(
      List<ResultColumn> columns, long snapshotId, Optional<String> nextPageToken) {
    this.columns = List.copyOf(columns);
    this.snapshotId = snapshotId;
    this.nextPageToken = Objects.requireNonNull(nextPageToken, "nextPageToken");
  }

  @Override
  public final List<ResultColumn> columns() {
    return columns;
  }

  @Override
  public final OptionalLong snapshotId() {
    return OptionalLong.of(snapshotId);
  }

  @Override
  public final Optional<String> nextPageToken() {
    return nextPageToken;
  }

  /** The type of a column, by its position from 0. */
  protected final String type(int column) {
    return columns.get(column).type();
  }
}
