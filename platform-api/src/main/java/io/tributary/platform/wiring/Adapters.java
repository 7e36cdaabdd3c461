package io.tributary.platform.wiring;

import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.events.DecisionEvents;
import io.tributary.platform.events.log.LogDecisionEvents;
import io.tributary.platform.events.webhook.WebhookDecisionEvents;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.dynamodb.DynamoDbPlatformStore;
import io.tributary.platform.registry.dynamodb.DynamoDbStoreSettings;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Driver;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
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
    // DriverManager looks for drivers once per JVM; a second application in the same JVM (a test
    // profile restarts Quarkus) has a class loader of its own whose drivers register when loaded.
    ServiceLoader.load(Driver.class, Thread.currentThread().getContextClassLoader())
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
}
