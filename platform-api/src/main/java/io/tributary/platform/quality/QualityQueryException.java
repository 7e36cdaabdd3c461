package io.tributary.platform.quality;

/** A check's query failed in the engine; its message is the engine's, fit for the product owner. */
public class QualityQueryException extends RuntimeException {
  public QualityQueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
