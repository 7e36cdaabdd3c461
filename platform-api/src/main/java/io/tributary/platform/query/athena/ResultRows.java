package io.tributary.platform.query.athena;

import java.util.Iterator;
import java.util.List;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * The rows of a finished query, fetched one {@code GetQueryResults} page at a time as they are
 * consumed and continued with {@code NextToken}. The first row of the first page holds the column
 * labels, as Athena answers every {@code SELECT}: it is skipped.
 */
public final class ResultRows {
  private final AthenaClient athena;
  private final AwsRequestOverrideConfiguration credentials;
  private final String queryId;
  private final int pageSize;

  private List<ColumnInfo> columns;
  private Iterator<Row> rows;
  private String nextToken;
  private List<Datum> current;

  /**
   * @param credentials the caller's credentials, or null for the platform's own
   * @param pageSize {@code MaxResults}: the most rows one call returns, the header included
   */
  ResultRows(
      AthenaClient athena,
      AwsRequestOverrideConfiguration credentials,
      String queryId,
      int pageSize) {
    this.athena = athena;
    this.credentials = credentials;
    this.queryId = queryId;
    this.pageSize = pageSize;
  }

  public String queryId() {
    return queryId;
  }

  /** The result's columns, from {@code ResultSetMetadata}. */
  public List<ColumnInfo> columns() {
    if (columns == null) {
      fetch();
    }
    return columns;
  }

  /** Moves to the next row, fetching the next page when this one is used up. */
  public boolean next() {
    if (rows == null) {
      fetch();
    }
    while (!rows.hasNext()) {
      if (nextToken == null) {
        current = null;
        return false;
      }
      fetch();
    }
    current = rows.next().data();
    return true;
  }

  /** The current row's text of a column (from 0); null for SQL NULL. */
  public String text(int column) {
    if (current == null) {
      throw new IllegalStateException("No current row");
    }
    return column < current.size() ? current.get(column).varCharValue() : null;
  }

  private void fetch() {
    boolean first = rows == null;
    GetQueryResultsResponse page;
    try {
      page =
          athena.getQueryResults(
              request ->
                  request
                      .queryExecutionId(queryId)
                      .maxResults(pageSize)
                      .nextToken(first ? null : nextToken)
                      .overrideConfiguration(credentials));
    } catch (SdkException failure) {
      throw AthenaErrors.ofCall("read the results of query " + queryId, failure);
    }
    if (columns == null) {
      columns = List.copyOf(page.resultSet().resultSetMetadata().columnInfo());
    }
    List<Row> pageRows = page.resultSet().rows();
    rows =
        (first && !pageRows.isEmpty() ? pageRows.subList(1, pageRows.size()) : pageRows).iterator();
    nextToken = page.nextToken();
  }
}
