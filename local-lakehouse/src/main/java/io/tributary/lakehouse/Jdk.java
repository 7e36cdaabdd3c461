package io.tributary.lakehouse;

/** The JDK check: Trino 476 runs on a JDK 24 or newer only. */
public final class Jdk {
  public static final int MINIMUM_FEATURE_VERSION = 24;

  private Jdk() {}

  /** Fails with a clear message when this JVM cannot run Trino. */
  public static void requireTrinoCapable() {
    requireTrinoCapable(Runtime.version().feature(), System.getProperty("java.home"));
  }

  static void requireTrinoCapable(int featureVersion, String javaHome) {
    if (featureVersion < MINIMUM_FEATURE_VERSION) {
      throw new LakehouseException(
          ("Trino %s needs a JDK %d or newer, but this is Java %d (%s). "
                  + "Install a JDK 25 and point JAVA_HOME at it; ./tributary finds it.")
              .formatted(
                  LakehouseSettings.TRINO_VERSION,
                  MINIMUM_FEATURE_VERSION,
                  featureVersion,
                  javaHome),
          null);
    }
  }
}
