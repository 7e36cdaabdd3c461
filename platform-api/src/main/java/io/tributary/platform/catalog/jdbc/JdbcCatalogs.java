package io.tributary.platform.catalog.jdbc;

import io.tributary.platform.catalog.S3Settings;
import java.sql.Driver;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;

/** Builds Iceberg's JDBC catalog. */
public final class JdbcCatalogs {
  private JdbcCatalogs() {}

  /**
   * Registers the JDBC drivers this class's loader sees. DriverManager discovers drivers once per
   * JVM, through the loader of its first caller; an application restarted in the same JVM (as
   * Quarkus does between test profiles) has a new loader whose drivers it would otherwise refuse as
   * "No suitable driver". Loading a driver registers it (JDBC 4).
   */
  static void registerDrivers() {
    ServiceLoader.load(Driver.class, JdbcCatalogs.class.getClassLoader()).stream()
        .forEach(ServiceLoader.Provider::get);
  }

  /**
   * A JDBC catalog, initialised.
   *
   * @param name the catalog's name, as Trino knows it
   * @param uri the JDBC URL of the catalog database
   * @param user the database user, if it needs one
   * @param password the database password, if it needs one
   * @param storage where the tables' files go
   */
  public static JdbcCatalog create(
      String name,
      Optional<String> uri,
      Optional<String> user,
      Optional<String> password,
      S3Settings storage) {
    Objects.requireNonNull(storage, "storage");
    Map<String, String> properties = new HashMap<>(storage.catalogProperties());
    properties.put(
        CatalogProperties.URI,
        uri.orElseThrow(
            () ->
                new IllegalStateException(
                    "tributary.catalog.uri is not set: the JDBC URL of the Iceberg catalog")));
    user.ifPresent(value -> properties.put(JdbcCatalog.PROPERTY_PREFIX + "user", value));
    password.ifPresent(value -> properties.put(JdbcCatalog.PROPERTY_PREFIX + "password", value));
    // Trino's JDBC catalog reads schema V1; Iceberg's default is still V0.
    properties.put(JdbcCatalog.PROPERTY_PREFIX + "schema-version", "V1");
    registerDrivers();
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(name, properties);
    return catalog;
  }
}
