package io.tributary.platform.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a catalog's tables keep their files: the warehouse location and the S3 client Iceberg's
 * {@code S3FileIO} uses (S3Proxy locally, AWS's S3 otherwise).
 *
 * @param warehouse the location new tables go under, such as {@code s3://lakehouse/warehouse}
 * @param region the S3 client's region
 * @param endpoint an S3 endpoint override; path-style access is used with it
 * @param accessKey static credentials for a local S3 API; AWS's default chain when absent
 * @param secretKey static credentials for a local S3 API
 */
public record S3Settings(
    String warehouse,
    String region,
    Optional<String> endpoint,
    Optional<String> accessKey,
    Optional<String> secretKey) {
  /** Iceberg's S3FileIO; the only file IO the platform uses. */
  public static final String S3_FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";

  public S3Settings {
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
    if (!warehouse.startsWith("s3://")) {
      throw new IllegalArgumentException(
          "tributary.catalog.warehouse must be an s3:// location, not '" + warehouse + "'");
    }
  }

  /** The catalog properties that configure the warehouse and S3FileIO. */
  public Map<String, String> catalogProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("warehouse", warehouse);
    properties.put("io-impl", S3_FILE_IO);
    properties.put("client.region", region);
    // The platform ships the SDK's URL-connection client only (no Apache, no Netty).
    properties.put("http-client.type", "urlconnection");
    endpoint.ifPresent(
        uri -> {
          properties.put("s3.endpoint", uri);
          properties.put("s3.path-style-access", "true");
        });
    accessKey.ifPresent(key -> properties.put("s3.access-key-id", key));
    secretKey.ifPresent(key -> properties.put("s3.secret-access-key", key));
    return properties;
  }
}
