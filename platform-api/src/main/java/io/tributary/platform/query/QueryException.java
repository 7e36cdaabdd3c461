package io.tributary.platform.query;

/** A read that cannot be answered; each subclass is one reason a client can act on. */
public abstract sealed class QueryException extends RuntimeException
    permits InvalidParameterException,
        QueryDeniedException,
        TableNotFoundException,
        EngineFailureException {

  protected QueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
