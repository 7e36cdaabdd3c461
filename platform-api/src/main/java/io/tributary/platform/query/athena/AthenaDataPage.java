package io.tributary.platform.query.athena;

import io.tributary.platform.query.EngineFailureException;
import io.tributary.platform.query.PinnedDataPage;
import io.tributary.platform.query.QueryStatistics;
import io.tributary.platform.query.ResultColumn;
import java.util.List;
import java.util.Optional;

/**
 * A page backed by a finished Athena query: its results stay in Athena and are fetched one {@code
 * GetQueryResults} page at a time as rows are consumed, so the page never holds more than one
 * result page in memory. The query has finished before the page exists, so closing it early has
 * nothing to stop.
 */
final class AthenaDataPage extends PinnedDataPage {
  private final ResultRows rows;
  private final QueryStatistics statistics;

  /**
   * @param statistics what the read's queries cost, as Athena reported each when it finished
   */
  AthenaDataPage(
      ResultRows rows,
      List<ResultColumn> columns,
      long snapshotId,
      Optional<String> nextPageToken,
      QueryStatistics statistics) {
    super(columns, snapshotId, nextPageToken);
    this.rows = rows;
    this.statistics = statistics;
  }

  @Override
  public Optional<QueryStatistics> statistics() {
    return Optional.of(statistics);
  }

  @Override
  public boolean next() {
    return rows.next();
  }

  @Override
  public Object value(int column) {
    try {
      return AthenaValues.read(rows.text(column), type(column));
    } catch (IllegalStateException unreadable) {
      throw new EngineFailureException(
          "Athena query %s: %s".formatted(rows.queryId(), unreadable.getMessage()), unreadable);
    }
  }

  @Override
  public void close() {
    // Finished queries hold nothing open: their results expire in Athena on their own.
  }
}
