package io.tributary.platform.registry;

/**
 * The base of the registry's errors. Each carries a stable code and the HTTP status the REST layer
 * renders, so one exception mapper serves them all.
 */
public abstract class RegistryException extends RuntimeException {
  private final String code;
  private final int httpStatus;

  protected RegistryException(String code, int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  /** A stable, machine-readable code such as {@code registry.stale_revision}. */
  public String code() {
    return code;
  }

  /** The HTTP status this error maps to. */
  public int httpStatus() {
    return httpStatus;
  }
}
