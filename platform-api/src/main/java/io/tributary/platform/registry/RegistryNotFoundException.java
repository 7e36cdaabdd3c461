package io.tributary.platform.registry;

/** A change was asked for something the registry does not hold. Rendered as 404. */
public final class RegistryNotFoundException extends RegistryException {
  public RegistryNotFoundException(String message) {
    super("registry.not_found", 404, message, null);
  }
}
