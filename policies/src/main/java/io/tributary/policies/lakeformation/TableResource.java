package io.tributary.policies.lakeformation;

import java.util.Objects;

/**
 * A Glue table in a Data Catalog.
 *
 * @param catalogId the Data Catalog, which is the AWS account id
 * @param database the Glue database, which is the product's domain
 * @param table the Glue table, which is the product
 */
public record TableResource(String catalogId, String database, String table)
    implements Comparable<TableResource> {
  public TableResource {
    Objects.requireNonNull(catalogId, "catalogId");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(table, "table");
  }

  /** {@code database.table}. */
  public String qualifiedName() {
    return database + "." + table;
  }

  @Override
  public int compareTo(TableResource other) {
    int byCatalog = catalogId.compareTo(other.catalogId);
    if (byCatalog != 0) {
      return byCatalog;
    }
    int byDatabase = database.compareTo(other.database);
    return byDatabase != 0 ? byDatabase : table.compareTo(other.table);
  }
}
