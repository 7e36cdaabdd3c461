package io.tributary.platform.query;

/**
 * Finds the table behind a product. The registry plugs in here, supplying the product's table and
 * declared primary key; {@link CatalogTableResolver} stands in until then.
 */
public interface TableResolver {

  /**
   * The table to read for this product.
   *
   * @throws TableNotFoundException when the domain has no such product
   */
  TableReference resolve(String domain, String product);
}
