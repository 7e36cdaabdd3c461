package io.tributary.platform.registry;

/** The backing store failed or could not be reached. Rendered as 503. */
public final class RegistryUnavailableException extends RegistryException {
  public RegistryUnavailableException(String message, Throwable cause) {
    super("registry.unavailable", 503, message, cause);
  }
}
