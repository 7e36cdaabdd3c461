package io.tributary.platform.registry;

/** A page token was not one this listing issued. Rendered as 400. */
public final class InvalidPageTokenException extends RegistryException {
  public InvalidPageTokenException(String reason) {
    super("registry.invalid_page_token", 400, "invalid page token: " + reason, null);
  }
}
