package io.tributary.platform.enforcement;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The AWS topology against local protocol-level servers: tables in Glue, grants enforced by both
 * Trino's rules and Lake Formation.
 */
public class AwsProfile implements QuarkusTestProfile {
  static final String ACCOUNT = "123456789012";
  static final String PLATFORM_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/tributary-platform";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "tributary.catalog.type",
        "glue",
        "tributary.aws.account-id",
        ACCOUNT,
        "tributary.grants.enforcers",
        "trino-rules,lakeformation",
        "tributary.lakeformation.ignored-principals",
        PLATFORM_ROLE);
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(AwsServersResource.class));
  }
}
