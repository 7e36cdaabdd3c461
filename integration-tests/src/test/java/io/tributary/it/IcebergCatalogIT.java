package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lakehouse.catalog.LakehouseCatalogs;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The platform's side of the catalog, Iceberg Java on JDBC + S3FileIO, and Trino's agree. */
@ExtendWith(SharedLakehouse.class)
class IcebergCatalogIT {

  @Test
  void tableCreatedByIcebergJavaIsSeenAndWrittenByTrino() throws Exception {
    Tributary stack = SharedLakehouse.stack();
    String namespace = SharedLakehouse.uniqueName("iceberg_java");
    Schema schema =
        new Schema(
            Types.NestedField.required(1, "order_id", Types.LongType.get()),
            Types.NestedField.optional(2, "customer", Types.StringType.get()),
            Types.NestedField.required(3, "ordered_at", Types.TimestampType.withZone()));
    PartitionSpec spec = PartitionSpec.builderFor(schema).day("ordered_at").build();

    try (JdbcCatalog catalog = LakehouseCatalogs.openCatalog(stack.settings(), stack.secrets())) {
      catalog.createNamespace(Namespace.of(namespace));
      Table table = catalog.createTable(TableIdentifier.of(namespace, "orders"), schema, spec);
      assertThat(table.location()).startsWith("s3://lakehouse/warehouse/" + namespace);
    }

    try (Connection connection = stack.connect("tributary");
        Statement statement = connection.createStatement()) {
      assertThat(strings(statement, "SHOW TABLES FROM lakehouse." + namespace))
          .containsExactly("orders");
      String createTable =
          strings(statement, "SHOW CREATE TABLE lakehouse.%s.orders".formatted(namespace))
              .getFirst();
      assertThat(createTable)
          .contains("order_id bigint NOT NULL")
          .contains("ordered_at timestamp(6) with time zone NOT NULL")
          .contains("partitioning = ARRAY['day(ordered_at)']");

      statement.execute(
          ("INSERT INTO lakehouse.%s.orders VALUES (1, 'ada', TIMESTAMP '2026-11-01 10:00:00 UTC'),"
                  + " (2, 'alan', TIMESTAMP '2026-11-02 11:00:00 UTC')")
              .formatted(namespace));
      assertThat(
              strings(
                  statement,
                  "SELECT CAST(partition.ordered_at_day AS varchar) FROM lakehouse.%s.\"orders$partitions\" ORDER BY 1"
                      .formatted(namespace)))
          .containsExactly("2026-11-01", "2026-11-02");
    }

    try (JdbcCatalog catalog = LakehouseCatalogs.openCatalog(stack.settings(), stack.secrets())) {
      Table table = catalog.loadTable(TableIdentifier.of(namespace, "orders"));
      assertThat(table.currentSnapshot()).isNotNull();
      assertThat(table.currentSnapshot().summary()).containsEntry("added-records", "2");
    }
  }

  static List<String> strings(Statement statement, String sql) throws Exception {
    List<String> values = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
