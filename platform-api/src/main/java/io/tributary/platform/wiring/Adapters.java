package io.tributary.platform.wiring;

import io.tributary.platform.aws.PrincipalRoles;
import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.events.DecisionEvents;
import io.tributary.platform.events.log.LogDecisionEvents;
import io.tributary.platform.events.webhook.WebhookDecisionEvents;
import io.tributary.platform.provisioning.Provisioner;
import io.tributary.platform.provisioning.local.LocalProvisioner;
import io.tributary.platform.provisioning.terraform.PlatformOutputs;
import io.tributary.platform.provisioning.terraform.TerraformProvisioner;
import io.tributary.platform.provisioning.terraform.TerraformSettings;
import io.tributary.platform.provisioning.terraform.TerraformVariables;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.dynamodb.DynamoDbPlatformStore;
import io.tributary.platform.registry.dynamodb.DynamoDbStoreSettings;
import io.tributary.platform.service.AccessControlPublisher;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.jdbc.JdbcCatalog;

/** The one place that picks each port's adapter from configuration. */
public class Adapters {

  @Produces
  @Singleton
  PlatformStore platformStore(PlatformConfig config) {
    PlatformConfig.Store store = config.store();
    Optional<DynamoDbStoreSettings.StaticCredentials> credentials =
        store.accessKey().isPresent() && store.secretKey().isPresent()
            ? Optional.of(
                new DynamoDbStoreSettings.StaticCredentials(
                    store.accessKey().get(), store.secretKey().get()))
            : Optional.empty();
    DynamoDbPlatformStore dynamoDb =
        DynamoDbPlatformStore.connect(
            new DynamoDbStoreSettings(store.endpoint(), store.region(), store.table(), credentials),
            Clock.systemUTC());
    dynamoDb.ensureTable();
    return dynamoDb;
  }

  void closeStore(@Disposes PlatformStore store) {
    if (store instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing at shutdown; nothing left to do with the failure.
      }
    }
  }

  @Produces
  @Singleton
  DecisionEvents decisionEvents(PlatformConfig config) {
    PlatformConfig.Events events = config.events();
    return switch (events.sink()) {
      case "log" -> new LogDecisionEvents();
      case "webhook" ->
          new WebhookDecisionEvents(
              events
                  .webhookUrl()
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "tributary.events.sink is webhook but tributary.events.webhook-url"
                                  + " is not set")),
              events.webhookTimeout());
      default ->
          throw new IllegalStateException(
              "tributary.events.sink must be log or webhook, not '" + events.sink() + "'");
    };
  }

  @Produces
  @Singleton
  Catalog catalog(PlatformConfig config) {
    PlatformConfig.Catalog settings = config.catalog();
    Map<String, String> properties = new HashMap<>();
    properties.put(
        CatalogProperties.URI,
        settings
            .uri()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "tributary.catalog.uri is not set: the JDBC URL of the Iceberg catalog")));
    settings.user().ifPresent(user -> properties.put(JdbcCatalog.PROPERTY_PREFIX + "user", user));
    settings
        .password()
        .ifPresent(password -> properties.put(JdbcCatalog.PROPERTY_PREFIX + "password", password));
    // Trino's JDBC catalog reads schema V1; Iceberg's default is still V0.
    properties.put(JdbcCatalog.PROPERTY_PREFIX + "schema-version", "V1");
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, settings.warehouse());
    properties.put(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.aws.s3.S3FileIO");
    properties.put("client.region", config.store().region());
    properties.put("http-client.type", "urlconnection");
    settings.s3Endpoint().ifPresent(endpoint -> properties.put("s3.endpoint", endpoint));
    settings.s3Endpoint().ifPresent(endpoint -> properties.put("s3.path-style-access", "true"));
    settings.s3AccessKey().ifPresent(key -> properties.put("s3.access-key-id", key));
    settings.s3SecretKey().ifPresent(key -> properties.put("s3.secret-access-key", key));
    // DriverManager discovers drivers once per JVM: an application started again in a new class
    // loader (a second test profile) finds its own driver classes only once they are loaded.
    java.util.ServiceLoader.load(java.sql.Driver.class, Adapters.class.getClassLoader())
        .forEach(driver -> {});
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(settings.name(), properties);
    return catalog;
  }

  void closeCatalog(@Disposes Catalog catalog) throws IOException {
    if (catalog instanceof JdbcCatalog jdbc) {
      jdbc.close();
    }
  }

  @Produces
  @Singleton
  Provisioner provisioner(
      PlatformConfig config,
      PlatformStore store,
      Catalog catalog,
      AccessControlPublisher accessControl) {
    return switch (config.provisioner().type()) {
      case "local" -> new LocalProvisioner(store, catalog, accessControl::publish);
      case "terraform" -> terraformProvisioner(config, store, catalog, accessControl);
      default ->
          throw new IllegalStateException(
              "tributary.provisioner.type must be local or terraform, not '"
                  + config.provisioner().type()
                  + "'");
    };
  }

  private static TerraformProvisioner terraformProvisioner(
      PlatformConfig config,
      PlatformStore store,
      Catalog catalog,
      AccessControlPublisher accessControl) {
    PlatformConfig.Terraform terraform = config.provisioner().terraform();
    PlatformConfig.TerraformPlatform platform = terraform.platform();
    PlatformConfig.Aws aws = config.aws();
    PlatformOutputs outputs =
        new PlatformOutputs(
            terraform.namePrefix(),
            platform.dataBucket().orElse(null),
            platform.dataKmsKeyArn().orElse(null),
            platform.athenaResultsBucket().orElse(null),
            platform.oidcProviderArn().orElse(null),
            platform.oidcAudience(),
            platform.platformRoleArn().orElse(null));
    PrincipalRoles roles =
        new PrincipalRoles(
            aws.accountId()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "tributary.provisioner.type is terraform but tributary.aws.account-id"
                                + " is not set: the Data Catalog id of the Lake Formation"
                                + " variables")),
            aws.principalRoleTemplate());
    TerraformSettings settings =
        new TerraformSettings(
            terraform.binary(),
            terraform.root(),
            terraform
                .workDir()
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "tributary-terraform")),
            terraform.backendConfig(),
            terraform.timeout(),
            terraform.environment());
    return new TerraformProvisioner(
        settings,
        new TerraformVariables(outputs, aws.region(), roles, terraform.tags(), Clock.systemUTC()),
        store,
        catalog,
        accessControl::publish);
  }

  void closeProvisioner(@Disposes Provisioner provisioner) {
    if (provisioner instanceof TerraformProvisioner terraform) {
      terraform.close();
    }
  }
}
