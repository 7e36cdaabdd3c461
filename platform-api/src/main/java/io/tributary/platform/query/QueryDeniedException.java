package io.tributary.platform.query;

/** The engine refused the caller: its access rules do not let them read what they asked for. */
public final class QueryDeniedException extends QueryException {
  public QueryDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
