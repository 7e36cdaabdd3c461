package io.tributary.platform.registry.dynamodb;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the registry's table.
 *
 * @param endpointOverride the DynamoDB endpoint, for a local server; empty on AWS
 * @param region the AWS region
 * @param tableName the table holding the whole registry
 * @param credentials static credentials; empty to use the SDK's default chain (roles on AWS)
 */
public record DynamoDbStoreSettings(
    Optional<URI> endpointOverride,
    String region,
    String tableName,
    Optional<StaticCredentials> credentials) {
  /** The table name unless configured otherwise. */
  public static final String DEFAULT_TABLE_NAME = "tributary";

  public DynamoDbStoreSettings {
    Objects.requireNonNull(endpointOverride, "endpointOverride");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(credentials, "credentials");
  }

  /**
   * An access key pair.
   *
   * @param accessKeyId the access key id
   * @param secretAccessKey the secret, never printed
   */
  public record StaticCredentials(String accessKeyId, String secretAccessKey) {
    public StaticCredentials {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
      return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
  }
}
