package io.tributary.platform.catalog.glue;

import io.tributary.platform.catalog.S3Settings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.aws.AwsProperties;
import org.apache.iceberg.catalog.Catalog;

/**
 * Builds Iceberg's {@code GlueCatalog} on one account's Data Catalog.
 *
 * <p>Glue's own table archive is skipped ({@code glue.skip-archive}): every Iceberg commit is an
 * {@code UpdateTable}, and Iceberg's metadata files already keep the table's history. Commits are
 * optimistic on Glue's table {@code VersionId}, with no lock manager.
 */
public final class GlueCatalogs {
  /** Iceberg's Glue catalog class. */
  public static final String GLUE_CATALOG = "org.apache.iceberg.aws.glue.GlueCatalog";

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  private GlueCatalogs() {}

  /**
   * Where the Data Catalog is.
   *
   * @param accountId the AWS account id, which is the Data Catalog id
   * @param region the Glue region
   * @param endpoint a Glue endpoint override (a local protocol-level server in tests)
   */
  public record GlueSettings(Optional<String> accountId, String region, Optional<URI> endpoint) {
    public GlueSettings {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(endpoint, "endpoint");
    }
  }

  /** The catalog properties {@code GlueCatalog.initialize} takes for these settings. */
  public static Map<String, String> properties(GlueSettings glue, S3Settings storage) {
    String accountId =
        glue.accountId()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "tributary.catalog.type is glue but tributary.aws.account-id is not set:"
                            + " the Data Catalog id"));
    if (!ACCOUNT.matcher(accountId).matches()) {
      throw new IllegalStateException(
          "tributary.aws.account-id must be a 12-digit AWS account id, not '" + accountId + "'");
    }
    Map<String, String> properties = new HashMap<>(storage.catalogProperties());
    properties.put(AwsProperties.GLUE_CATALOG_ID, accountId);
    properties.put(AwsProperties.GLUE_CATALOG_SKIP_ARCHIVE, "true");
    // One client region for Glue and S3: the warehouse bucket lives in the catalog's region.
    properties.put("client.region", glue.region());
    glue.endpoint()
        .ifPresent(uri -> properties.put(AwsProperties.GLUE_CATALOG_ENDPOINT, uri.toString()));
    return properties;
  }

  /**
   * A Glue catalog, initialised. Loaded by class name: {@code GlueCatalog} declares Hadoop's {@code
   * Configuration} in its signature, which the platform (without Hadoop) cannot compile against,
   * though it never calls it.
   */
  public static Catalog create(String name, GlueSettings glue, S3Settings storage) {
    return CatalogUtil.loadCatalog(GLUE_CATALOG, name, properties(glue, storage), null);
  }
}
