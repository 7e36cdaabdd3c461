package io.tributary.platform.query.athena;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Starts {@link StsTestServer} and {@link AthenaTestServer} once per test run and selects the
 * Athena engine, pointed at them. The platform's own credentials come from the AWS SDK's default
 * chain, as in production: here from the {@code aws.accessKeyId} system properties this sets.
 */
public class AthenaServersResource implements QuarkusTestResourceLifecycleManager {
  static final String ACCOUNT = "123456789012";
  static final String PLATFORM_KEY = "AKIAPLATFORMTEST";

  private static StsTestServer sts;
  private static AthenaTestServer athena;

  /** The one profile of the Athena engine's tests. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(AthenaServersResource.class));
    }
  }

  static StsTestServer sts() {
    return sts;
  }

  static AthenaTestServer athena() {
    return athena;
  }

  @Override
  public synchronized Map<String, String> start() {
    if (sts == null) {
      try {
        sts = new StsTestServer();
        athena = new AthenaTestServer(sts, PLATFORM_KEY);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.setProperty("aws.accessKeyId", PLATFORM_KEY);
      System.setProperty("aws.secretAccessKey", "platform-secret");
    }
    return Map.of(
        "tributary.engine.type", "athena",
        "tributary.aws.account-id", ACCOUNT,
        "tributary.aws.endpoints.athena", athena.endpoint().toString(),
        "tributary.aws.endpoints.sts", sts.endpoint().toString(),
        "tributary.athena.poll-interval", "PT0.05S",
        "tributary.athena.timeout", "PT60S",
        // Small result pages, so a few rows already take several GetQueryResults calls.
        "tributary.athena.page-size", "3");
  }

  @Override
  public synchronized void stop() {
    // The servers outlive one Quarkus application; the JVM's end stops them.
  }
}
