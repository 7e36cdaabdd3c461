package io.tributary.platform.query;

/**
 * What the engine reports having spent on a read, summed over the queries it took.
 *
 * @param lastQueryId the engine's id of the read's last query
 * @param queries how many engine queries the read took
 * @param bytesRead bytes read from storage (physical input)
 * @param processedBytes bytes processed
 * @param cpuMillis CPU time in milliseconds
 * @param wallMillis wall time in milliseconds
 * @param rows rows processed
 */
public record QueryStatistics(
    String lastQueryId,
    int queries,
    long bytesRead,
    long processedBytes,
    long cpuMillis,
    long wallMillis,
    long rows) {

  /** Nothing yet. */
  public static final QueryStatistics NONE = new QueryStatistics("", 0, 0, 0, 0, 0, 0);

  /** These statistics and one more query's. */
  public QueryStatistics plus(
      String queryId,
      long bytesRead,
      long processedBytes,
      long cpuMillis,
      long wallMillis,
      long rows) {
    return new QueryStatistics(
        queryId,
        queries + 1,
        this.bytesRead + bytesRead,
        this.processedBytes + processedBytes,
        this.cpuMillis + cpuMillis,
        this.wallMillis + wallMillis,
        this.rows + rows);
  }

  /** These statistics and another's, summed; the last query is the other's when it has any. */
  public QueryStatistics plus(QueryStatistics other) {
    if (other.queries == 0) {
      return this;
    }
    return new QueryStatistics(
        other.lastQueryId,
        queries + other.queries,
        bytesRead + other.bytesRead,
        processedBytes + other.processedBytes,
        cpuMillis + other.cpuMillis,
        wallMillis + other.wallMillis,
        rows + other.rows);
  }
}
