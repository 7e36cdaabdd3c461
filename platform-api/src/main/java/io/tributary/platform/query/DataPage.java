package io.tributary.platform.query;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of rows, read from the engine as it is consumed so a large page is never held in memory.
 * Everything but the rows is known before the first row: a response can put the next page token in
 * a header. Close it to release the engine's query.
 *
 * <p>Values are plain Java: {@code null}, {@link Boolean}, {@link Number}, {@link String} (temporal
 * values in ISO-8601, binary in base64), {@link List} and {@link java.util.Map} for nested values.
 */
public interface DataPage extends AutoCloseable {

  /** The columns, in the order of each row's values. */
  List<ResultColumn> columns();

  /** The snapshot the page was read from; empty when the table has none yet (no rows). */
  OptionalLong snapshotId();

  /** The token for the next page; empty on the last page. */
  Optional<String> nextPageToken();

  /**
   * Moves to the next row.
   *
   * @return false after the last row
   * @throws EngineFailureException when the engine fails while reading
   */
  boolean next();

  /** The current row's value of a column, by its position in {@link #columns()} from 0. */
  Object value(int column);

  /**
   * What the engine reports the read cost, complete once the page is closed; empty when the engine
   * reports nothing.
   */
  default java.util.Optional<QueryStatistics> statistics() {
    return java.util.Optional.empty();
  }

  /** Ends the engine's query; never throws. */
  @Override
  void close();
}
