package io.tributary.platform.query;

import io.tributary.platform.registry.Names;
import java.util.List;

/**
 * Reads a product straight from the catalog by the naming rule of design §4 ({@code
 * <catalog>.<domain>.<product>}), with no primary key, so pages are ordered by every column. The
 * registry-backed resolver replaces it.
 */
public final class CatalogTableResolver implements TableResolver {
  private final String catalog;

  public CatalogTableResolver(String catalog) {
    this.catalog = catalog;
  }

  @Override
  public TableReference resolve(String domain, String product) {
    try {
      Names.requireDomain(domain);
      Names.requireProduct(product);
    } catch (IllegalArgumentException invalidName) {
      // No product can have such a name, so there is nothing to read rather than a bad request.
      throw new TableNotFoundException(
          "No product %s in domain %s".formatted(product, domain), invalidName);
    }
    return new TableReference(catalog, domain, product, List.of());
  }
}
