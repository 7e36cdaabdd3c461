package io.tributary.platform.query;

/**
 * Finds the table behind a product: the registry supplies the product's table and declared primary
 * key.
 */
public interface TableResolver {

  /**
   * The table to read for this product.
   *
   * @throws TableNotFoundException when the domain has no such product
   */
  TableReference resolve(String domain, String product);
}
