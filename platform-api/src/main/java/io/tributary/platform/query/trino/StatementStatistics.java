package io.tributary.platform.query.trino;

import io.tributary.platform.query.QueryStatistics;
import io.trino.jdbc.QueryStats;
import io.trino.jdbc.TrinoStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * Collects what Trino reports each query of one statement cost, through trino-jdbc's progress
 * monitor, which sees every query the statement runs, updates ({@code executeLargeUpdate})
 * included, where a result set's own statistics exist only for queries that return rows.
 */
public final class StatementStatistics implements Consumer<QueryStats> {
  private volatile QueryStats last;
  private QueryStatistics collected = QueryStatistics.NONE;

  private StatementStatistics() {}

  /**
   * Watches the statement's queries; a statement that is not trino-jdbc's reports nothing.
   *
   * @throws SQLException when the statement is closed
   */
  public static StatementStatistics watch(Statement statement) throws SQLException {
    StatementStatistics statistics = new StatementStatistics();
    if (statement.isWrapperFor(TrinoStatement.class)) {
      statement.unwrap(TrinoStatement.class).setProgressMonitor(statistics);
    }
    return statistics;
  }

  @Override
  public void accept(QueryStats stats) {
    last = stats;
  }

  /**
   * Adds the statistics of the query that ran last, once it finished (its rows read to the end):
   * call it after each query.
   */
  public void queryFinished() {
    QueryStats stats = last;
    last = null;
    if (stats != null) {
      collected = plus(collected, stats);
    }
  }

  /** These statistics and one more query's, as Trino reported it. */
  static QueryStatistics plus(QueryStatistics statistics, QueryStats stats) {
    return statistics.plus(
        stats.getQueryId(),
        stats.getPhysicalInputBytes(),
        stats.getProcessedBytes(),
        stats.getCpuTimeMillis(),
        stats.getWallTimeMillis(),
        stats.getProcessedRows());
  }

  /** Every finished query's, summed. */
  public QueryStatistics collected() {
    return collected;
  }
}
