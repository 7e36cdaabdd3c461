package io.tributary.platform.catalog.jdbc;

import io.tributary.platform.catalog.CatalogContractTest;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.catalog.Catalog;

/** The catalog contract on Iceberg's JDBC catalog, the test lakehouse's H2 one. */
class JdbcCatalogContractTest extends CatalogContractTest {
  @Override
  protected Catalog createCatalog(Map<String, String> lakehouse) throws SQLException {
    return JdbcCatalogs.create(
        "lakehouse",
        Optional.of(lakehouse.get("tributary.catalog.uri")),
        Optional.ofNullable(lakehouse.get("tributary.catalog.user")),
        Optional.ofNullable(lakehouse.get("tributary.catalog.password")),
        storage(lakehouse, "us-east-1"));
  }
}
