package io.tributary.platform.query;

/** The engine failed for a reason that is neither the caller's request nor their rights. */
public final class EngineFailureException extends QueryException {
  public EngineFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
