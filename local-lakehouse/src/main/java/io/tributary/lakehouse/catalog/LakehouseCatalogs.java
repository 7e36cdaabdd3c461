package io.tributary.lakehouse.catalog;

import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.lakehouse.Secrets;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.aws.s3.S3FileIOProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Clients of the local lakehouse's storage and catalog as the platform uses them: Iceberg's {@link
 * JdbcCatalog} (schema version V1, which Trino reads) with {@code S3FileIO} on S3Proxy, and a plain
 * AWS SDK S3 client.
 */
public final class LakehouseCatalogs {
  static {
    // S3Proxy does not take the checksum trailers recent SDKs add to every upload by default.
    System.setProperty("aws.requestChecksumCalculation", "when_required");
    System.setProperty("aws.responseChecksumValidation", "when_required");
  }

  private LakehouseCatalogs() {}

  /** The catalog properties of the lakehouse catalog, for {@link JdbcCatalog#initialize}. */
  public static Map<String, String> catalogProperties(LakehouseSettings settings, Secrets secrets) {
    Map<String, String> properties = new HashMap<>();
    properties.put(CatalogProperties.URI, settings.catalogJdbcUrl());
    properties.put(JdbcCatalog.PROPERTY_PREFIX + "user", secrets.catalogUser());
    properties.put(JdbcCatalog.PROPERTY_PREFIX + "password", secrets.catalogPassword());
    // Trino's JDBC catalog reads schema V1; Iceberg's default is still V0.
    properties.put(JdbcCatalog.PROPERTY_PREFIX + "schema-version", "V1");
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, settings.warehouse());
    properties.put(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.aws.s3.S3FileIO");
    properties.put(S3FileIOProperties.ENDPOINT, settings.s3Endpoint());
    properties.put(S3FileIOProperties.PATH_STYLE_ACCESS, "true");
    properties.put(S3FileIOProperties.ACCESS_KEY_ID, secrets.s3AccessKey());
    properties.put(S3FileIOProperties.SECRET_ACCESS_KEY, secrets.s3SecretKey());
    properties.put("client.region", LakehouseSettings.REGION);
    properties.put("http-client.type", "urlconnection");
    return properties;
  }

  /**
   * Opens the lakehouse catalog. On the first call against a new database this creates Iceberg's
   * catalog tables, which Trino never creates itself.
   */
  public static JdbcCatalog openCatalog(LakehouseSettings settings, Secrets secrets) {
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(LakehouseSettings.CATALOG, catalogProperties(settings, secrets));
    return catalog;
  }

  /** An S3 client for S3Proxy. */
  public static S3Client s3(LakehouseSettings settings, Secrets secrets) {
    return S3Client.builder()
        .endpointOverride(URI.create(settings.s3Endpoint()))
        .region(Region.of(LakehouseSettings.REGION))
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(secrets.s3AccessKey(), secrets.s3SecretKey())))
        .build();
  }

  /** Creates the lakehouse bucket and the catalog tables where they do not exist yet. */
  public static void bootstrap(LakehouseSettings settings, Secrets secrets) {
    try (S3Client s3 = s3(settings, secrets)) {
      try {
        s3.headBucket(request -> request.bucket(LakehouseSettings.BUCKET));
      } catch (NoSuchBucketException e) {
        try {
          s3.createBucket(request -> request.bucket(LakehouseSettings.BUCKET));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
          // Another start created it in the meantime.
        }
      }
    }
    try (JdbcCatalog catalog = openCatalog(settings, secrets)) {
      catalog.listNamespaces();
    }
  }
}
