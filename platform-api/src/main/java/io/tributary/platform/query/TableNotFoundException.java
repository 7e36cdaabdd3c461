package io.tributary.platform.query;

/** The product has no table to read (unknown product, or its table is gone). */
public final class TableNotFoundException extends QueryException {
  public TableNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
