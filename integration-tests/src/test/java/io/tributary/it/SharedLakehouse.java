package io.tributary.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one local lakehouse for the whole test run, through {@code ./tributary up}, and stops it
 * through {@code ./tributary down} when the run ends. Tests share it and stay independent by
 * working in namespaces of their own.
 */
public final class SharedLakehouse implements BeforeAllCallback {
  private static Tributary stack;

  /** The running shared stack; starts it on first use. */
  public static synchronized Tributary stack() {
    if (stack == null) {
      Tributary starting =
          Tributary.onFreePorts(
              java.nio.file.Path.of(
                  System.getenv().getOrDefault("TRIBUTARY_HOME", "target/lakehouse-state")));
      // A run that was killed may have left its stack behind.
      starting.run("down");
      starting.up();
      stack = starting;
    }
    return stack;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Tributary running = stack();
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(
            SharedLakehouse.class,
            key -> (ExtensionContext.Store.CloseableResource) running::down,
            ExtensionContext.Store.CloseableResource.class);
  }

  /** A schema name no other test uses. */
  public static String uniqueName(String prefix) {
    return prefix + "_" + Long.toHexString(System.nanoTime()).substring(4);
  }
}
