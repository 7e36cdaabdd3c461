package io.tributary.platform.service;

import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.query.TableNotFoundException;
import io.tributary.platform.query.TableReference;
import io.tributary.platform.query.TableResolver;
import io.tributary.platform.registry.Names;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProductRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The data endpoint reads declared products only: the registry names the product's table and its
 * declared primary key, which orders the rows; a product whose table is not provisioned yet has
 * nothing to read.
 */
@ApplicationScoped
public class RegistryTableResolver implements TableResolver {
  @Inject PlatformStore store;
  @Inject Catalog catalog;
  @Inject PlatformConfig config;

  @Override
  public TableReference resolve(String domain, String product) {
    try {
      Names.requireDomain(domain);
      Names.requireProduct(product);
    } catch (IllegalArgumentException invalidName) {
      // No product can have such a name: there is nothing to read rather than a bad request.
      throw new TableNotFoundException(
          "No product %s in domain %s".formatted(product, domain), invalidName);
    }
    ProductRecord record =
        store
            .getProduct(domain, product)
            .orElseThrow(
                () ->
                    new TableNotFoundException(
                        "No product %s in domain %s".formatted(product, domain), null));
    if (!catalog.tableExists(TableIdentifier.of(domain, product))) {
      throw new TableNotFoundException(
          "%s.%s is declared but its table is not provisioned yet (see its domain's runs)"
              .formatted(domain, product),
          null);
    }
    return new TableReference(
        config.catalog().name(),
        domain,
        product,
        Documents.storedProduct(record.document()).spec().table().primaryKey());
  }
}
