package io.tributary.platform.query.trino;

import io.tributary.platform.query.PinnedDataPage;
import io.tributary.platform.query.QueryStatistics;
import io.tributary.platform.query.ResultColumn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A page backed by an open Trino query: trino-jdbc fetches the result in batches as rows are
 * consumed, so the page never holds more than a batch in memory. Closing it before the end cancels
 * the query.
 */
final class TrinoDataPage extends PinnedDataPage {
  private static final Logger LOG = Logger.getLogger(TrinoDataPage.class);

  private final Connection connection;
  private final Statement statement;
  private final ResultSet rows;
  private final QueryStatistics earlierQueries;
  private QueryStatistics statistics;

  TrinoDataPage(
      Connection connection,
      Statement statement,
      ResultSet rows,
      List<ResultColumn> columns,
      long snapshotId,
      Optional<String> nextPageToken,
      QueryStatistics earlierQueries) {
    super(columns, snapshotId, nextPageToken);
    this.connection = connection;
    this.statement = statement;
    this.rows = rows;
    this.earlierQueries = earlierQueries;
  }

  @Override
  public Optional<QueryStatistics> statistics() {
    return Optional.ofNullable(statistics);
  }

  @Override
  public boolean next() {
    try {
      return rows.next();
    } catch (SQLException e) {
      throw TrinoErrors.ofCallerQuery(e);
    }
  }

  @Override
  public Object value(int column) {
    try {
      return TrinoValues.read(rows, column + 1, type(column));
    } catch (SQLException e) {
      throw TrinoErrors.ofCallerQuery(e);
    }
  }

  @Override
  public void close() {
    if (statistics == null) {
      // Read before closing: the result set's statistics are the query's last reported ones.
      statistics = TrinoQueryEngine.add(earlierQueries, rows);
    }
    for (AutoCloseable resource : new AutoCloseable[] {rows, statement, connection}) {
      try {
        resource.close();
      } catch (Exception e) {
        // The page is done with either way; a failed close must not hide the response's outcome.
        LOG.debugf(e, "Closing a Trino %s failed", resource.getClass().getSimpleName());
      }
    }
  }
}
