package io.tributary.platform.enforcement;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tributary.platform.catalog.glue.AwsTestCredentials;
import io.tributary.platform.catalog.glue.GlueTestServer;
import io.tributary.platform.enforcement.lakeformation.LakeFormationTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Starts the local protocol-level Glue and Lake Formation servers for the {@link AwsProfile} and
 * points the platform's AWS endpoints at them.
 */
public class AwsServersResource implements QuarkusTestResourceLifecycleManager {
  private static GlueTestServer glue;
  private static LakeFormationTestServer lakeFormation;

  static GlueTestServer glue() {
    return glue;
  }

  static LakeFormationTestServer lakeFormation() {
    return lakeFormation;
  }

  @Override
  public synchronized Map<String, String> start() {
    AwsTestCredentials.install();
    try {
      glue = new GlueTestServer(AwsProfile.ACCOUNT);
      lakeFormation = new LakeFormationTestServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "tributary.aws.endpoints.glue", glue.endpoint().toString(),
        "tributary.aws.endpoints.lakeformation", lakeFormation.endpoint().toString());
  }

  @Override
  public synchronized void stop() {
    if (glue != null) {
      glue.close();
    }
    if (lakeFormation != null) {
      lakeFormation.close();
    }
  }
}
