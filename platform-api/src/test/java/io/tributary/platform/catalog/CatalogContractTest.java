package io.tributary.platform.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.platform.provisioning.DesiredState;
import io.tributary.platform.provisioning.DesiredTable;
import io.tributary.platform.provisioning.PlanApplier;
import io.tributary.platform.provisioning.Planner;
import io.tributary.platform.testing.LocalLakehouseResource;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the platform needs of a table catalog, driven through its own {@link Planner} and {@link
 * PlanApplier}: namespaces and tables created, evolved (columns added and widened, partitioning,
 * sort order, properties) and retired, a stale commit refused and a retried one landing, Parquet
 * data written with Iceberg's generic writer and read back. Files go to the test lakehouse's
 * S3Proxy through S3FileIO. Each adapter's test is a subclass that builds its catalog.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CatalogContractTest {
  protected Catalog catalog;
  private Planner planner;
  private PlanApplier applier;

  /** The adapter's catalog on the lakehouse whose API configuration this is. */
  protected abstract Catalog createCatalog(Map<String, String> lakehouse) throws Exception;

  /** The S3 settings of the test lakehouse, as the platform's configuration gives them. */
  protected static S3Settings storage(Map<String, String> lakehouse, String region) {
    return new S3Settings(
        lakehouse.get("tributary.catalog.warehouse"),
        region,
        Optional.of(lakehouse.get("tributary.catalog.s3-endpoint")),
        Optional.of(lakehouse.get("tributary.catalog.s3-access-key")),
        Optional.of(lakehouse.get("tributary.catalog.s3-secret-key")));
  }

  @BeforeAll
  void startCatalog() throws Exception {
    catalog = createCatalog(new LocalLakehouseResource().start());
    planner = new Planner(catalog);
    applier = new PlanApplier(catalog);
  }

  @AfterAll
  void closeCatalog() throws IOException {
    if (catalog instanceof Closeable closeable) {
      closeable.close();
    }
  }

  protected static String uniqueDomain() {
    return "contract_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  protected static Schema ordersVersion1() {
    return new Schema(
        List.of(
            Types.NestedField.required(1, "order_id", Types.LongType.get(), "Order number"),
            Types.NestedField.optional(2, "quantity", Types.IntegerType.get()),
            Types.NestedField.required(3, "ordered_at", Types.TimestampType.withZone()),
            Types.NestedField.optional(4, "region", Types.StringType.get())),
        Set.of(1));
  }

  protected static Schema ordersVersion2() {
    return new Schema(
        List.of(
            Types.NestedField.required(1, "order_id", Types.LongType.get(), "Order number"),
            Types.NestedField.optional(2, "quantity", Types.LongType.get()),
            Types.NestedField.required(3, "ordered_at", Types.TimestampType.withZone()),
            Types.NestedField.optional(4, "region", Types.StringType.get()),
            Types.NestedField.optional(5, "coupon", Types.StringType.get(), "Coupon code")),
        Set.of(1));
  }

  protected static DesiredTable table(
      String domain, String name, Schema schema, PartitionSpec spec, Map<String, String> props) {
    return new DesiredTable(
        TableIdentifier.of(domain, name), schema, spec, SortOrder.unsorted(), props);
  }

  protected static DesiredState state(String domain, DesiredTable... tables) {
    return new DesiredState(
        domain,
        Map.of("comment", "Contract domain", "tributary.owners", domain + "-owners"),
        List.of(tables),
        List.of());
  }

  protected List<String> converge(DesiredState state) {
    List<String> log = new ArrayList<>();
    applier.apply(planner.plan(state), log::add);
    assertThat(planner.plan(state)).as("a converged domain plans nothing").isEmpty();
    return log;
  }

  private List<String> actions(DesiredState state) {
    return planner.plan(state).stream()
        .map(change -> change.action() + " " + change.target())
        .toList();
  }

  @Test
  void createsTheNamespaceAndTablesThenPlansNothing() {
    String domain = uniqueDomain();
    Schema schema = ordersVersion1();
    DesiredState state =
        state(
            domain,
            table(domain, "orders", schema, PartitionSpec.unpartitioned(), Map.of("a", "1")),
            table(domain, "returns", schema, PartitionSpec.unpartitioned(), Map.of()),
            table(domain, "refunds", schema, PartitionSpec.unpartitioned(), Map.of()));

    assertThat(actions(state))
        .containsExactly(
            "create-namespace " + domain,
            "create-table " + domain + ".orders",
            "create-table " + domain + ".returns",
            "create-table " + domain + ".refunds");
    converge(state);

    SupportsNamespaces namespaces = (SupportsNamespaces) catalog;
    assertThat(namespaces.listNamespaces()).contains(Namespace.of(domain));
    assertThat(namespaces.loadNamespaceMetadata(Namespace.of(domain)))
        .containsEntry("comment", "Contract domain")
        .containsEntry("tributary.owners", domain + "-owners");
    assertThat(catalog.listTables(Namespace.of(domain)))
        .containsExactlyInAnyOrder(
            TableIdentifier.of(domain, "orders"),
            TableIdentifier.of(domain, "returns"),
            TableIdentifier.of(domain, "refunds"));
    Table orders = catalog.loadTable(TableIdentifier.of(domain, "orders"));
    assertThat(orders.schema().identifierFieldNames()).containsExactly("order_id");
    assertThat(orders.properties()).containsEntry("a", "1");
    assertThat(orders.location()).startsWith("s3://");
  }

  @Test
  void evolvesColumnsPartitioningSortOrderAndPropertiesInPlace() {
    String domain = uniqueDomain();
    converge(
        state(
            domain,
            table(
                domain,
                "orders",
                ordersVersion1(),
                PartitionSpec.unpartitioned(),
                Map.of("a", "1", "b", "2"))));

    Schema second = ordersVersion2();
    DesiredState evolved =
        state(
            domain,
            new DesiredTable(
                TableIdentifier.of(domain, "orders"),
                second,
                PartitionSpec.builderFor(second).day("ordered_at").identity("region").build(),
                SortOrder.builderFor(second).asc("order_id", NullOrder.NULLS_LAST).build(),
                Map.of("a", "10", "c", "3")));
    assertThat(actions(evolved))
        .contains(
            "add-column " + domain + ".orders.coupon",
            "widen-column " + domain + ".orders.quantity",
            "add-partition-field " + domain + ".orders",
            "replace-sort-order " + domain + ".orders");
    converge(evolved);

    Table orders = catalog.loadTable(TableIdentifier.of(domain, "orders"));
    assertThat(orders.schema().findType("quantity")).isEqualTo(Types.LongType.get());
    assertThat(orders.schema().findField("coupon").doc()).isEqualTo("Coupon code");
    assertThat(orders.spec().fields())
        .extracting(field -> field.transform().toString())
        .containsExactly("day", "identity");
    assertThat(orders.sortOrder().fields()).hasSize(1);
    assertThat(orders.properties())
        .containsEntry("a", "10")
        .containsEntry("c", "3")
        .doesNotContainKey("b");
  }

  @Test
  void retiringATableKeepsItAndMarksIt() {
    String domain = uniqueDomain();
    converge(
        state(
            domain,
            table(domain, "orders", ordersVersion1(), PartitionSpec.unpartitioned(), Map.of())));

    DesiredState retired =
        new DesiredState(
            domain,
            Map.of("comment", "Contract domain", "tributary.owners", domain + "-owners"),
            List.of(),
            List.of(TableIdentifier.of(domain, "orders")));
    converge(retired);

    assertThat(catalog.loadTable(TableIdentifier.of(domain, "orders")).properties())
        .containsEntry(Planner.STATUS_PROPERTY, "retired");
  }

  @Test
  void aStaleCommitIsRefusedAndARetriedOneLands() {
    String domain = uniqueDomain();
    TableIdentifier identifier = TableIdentifier.of(domain, "orders");
    converge(
        state(
            domain,
            table(domain, "orders", ordersVersion1(), PartitionSpec.unpartitioned(), Map.of())));

    Table first = catalog.loadTable(identifier);
    Table second = catalog.loadTable(identifier);
    TableOperations secondOperations = ((HasTableOperations) second).operations();
    TableMetadata stale = secondOperations.current();
    first.updateProperties().set("writer", "first").commit();

    // Committing on metadata the other writer has replaced is refused outright...
    assertThatThrownBy(
            () ->
                secondOperations.commit(
                    stale,
                    TableMetadata.buildFrom(stale).setProperties(Map.of("writer", "lost")).build()))
        .isInstanceOf(CommitFailedException.class);
    // ...while Iceberg's own update retries on the new metadata and lands.
    second.updateProperties().set("second", "landed").commit();

    assertThat(catalog.loadTable(identifier).properties())
        .containsEntry("writer", "first")
        .containsEntry("second", "landed");
  }

  @Test
  void parquetDataWrittenWithTheGenericWriterReadsBack() throws IOException {
    String domain = uniqueDomain();
    TableIdentifier identifier = TableIdentifier.of(domain, "orders");
    converge(
        state(
            domain,
            table(domain, "orders", ordersVersion1(), PartitionSpec.unpartitioned(), Map.of())));
    Table table = catalog.loadTable(identifier);

    List<Record> rows = new ArrayList<>();
    for (long id = 1; id <= 3; id++) {
      GenericRecord row = GenericRecord.create(table.schema());
      row.setField("order_id", id);
      row.setField("quantity", (int) id * 10);
      row.setField("ordered_at", java.time.OffsetDateTime.parse("2025-06-01T12:00:00Z"));
      row.setField("region", id % 2 == 0 ? "EU" : "US");
      rows.add(row);
    }
    OutputFile file =
        table.io().newOutputFile(table.locationProvider().newDataLocation("orders-1.parquet"));
    DataWriter<Record> writer =
        Parquet.writeData(file)
            .forTable(table)
            .createWriterFunc(GenericParquetWriter::create)
            .overwrite()
            .build();
    try (writer) {
      rows.forEach(writer::write);
    }
    table.newAppend().appendFile(writer.toDataFile()).commit();

    List<String> read = new ArrayList<>();
    try (CloseableIterable<Record> records =
        IcebergGenerics.read(catalog.loadTable(identifier)).build()) {
      records.forEach(
          record -> read.add(record.getField("order_id") + " " + record.getField("region")));
    }
    assertThat(read).containsExactlyInAnyOrder("1 US", "2 EU", "3 US");
    assertThat(file.location()).startsWith("s3://");
  }
}
