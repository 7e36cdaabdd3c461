package io.tributary.platform.registry;

/**
 * A write without a revision precondition kept losing races with other writers and gave up;
 * retrying later is safe. Rendered as 409.
 */
public final class ConcurrentChangeException extends RegistryException {
  public ConcurrentChangeException(String target) {
    super(
        "registry.concurrent_change",
        409,
        target + " is being changed concurrently; retry the request",
        null);
  }
}
