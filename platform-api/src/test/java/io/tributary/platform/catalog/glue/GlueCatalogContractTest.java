package io.tributary.platform.catalog.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.platform.catalog.CatalogContractTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.BaseMetastoreTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * The catalog contract on Iceberg's {@code GlueCatalog} against {@link GlueTestServer}, plus what
 * the Glue protocol adds: the fields a commit sends, optimistic concurrency on {@code VersionId},
 * {@code SkipArchive}, paging, and Glue's errors as Iceberg's exceptions. It checks the protocol,
 * not AWS's behaviour.
 */
class GlueCatalogContractTest extends CatalogContractTest {
  static final String ACCOUNT = "123456789012";

  GlueTestServer glue;

  @Override
  protected Catalog createCatalog(Map<String, String> lakehouse) throws Exception {
    AwsTestCredentials.install();
    glue = new GlueTestServer(ACCOUNT);
    return GlueCatalogs.create(
        "lakehouse",
        new GlueCatalogs.GlueSettings(
            Optional.of(ACCOUNT), "us-east-1", Optional.of(glue.endpoint())),
        storage(lakehouse, "us-east-1"));
  }

  @AfterAll
  void stopGlue() {
    glue.close();
  }

  private TableIdentifier createdOrders() {
    String domain = uniqueDomain();
    converge(
        state(
            domain,
            table(domain, "orders", ordersVersion1(), PartitionSpec.unpartitioned(), Map.of())));
    return TableIdentifier.of(domain, "orders");
  }

  @Test
  void theSdkSpeaksJsonOneOneWithATargetPerOperation() {
    glue.clearReceived();
    createdOrders();

    assertThat(glue.received())
        .allSatisfy(
            request -> assertThat(request.contentType()).isEqualTo("application/x-amz-json-1.1"));
    assertThat(glue.operations()).contains("GetDatabase", "CreateDatabase", "CreateTable");
    assertThat(glue.bodies("CreateTable"))
        .allSatisfy(body -> assertThat(body.path("CatalogId").asText()).isEqualTo(ACCOUNT));
  }

  @Test
  void aTableIsAnIcebergTableInGlueWithItsMetadataLocationAndColumns() {
    TableIdentifier orders = createdOrders();

    JsonNode table = glue.table(orders.namespace().level(0), orders.name()).orElseThrow();
    JsonNode parameters = table.path("Parameters");
    assertThat(parameters.path("table_type").asText()).isEqualToIgnoringCase("ICEBERG");
    assertThat(parameters.path("metadata_location").asText())
        .startsWith("s3://")
        .endsWith(".metadata.json")
        .isEqualTo(
            ((org.apache.iceberg.HasTableOperations) catalog.loadTable(orders))
                .operations()
                .current()
                .metadataFileLocation());
    assertThat(table.path("TableType").asText()).isEqualTo("EXTERNAL_TABLE");
    assertThat(table.path("StorageDescriptor").path("Columns"))
        .extracting(column -> column.path("Name").asText())
        .containsExactly("order_id", "quantity", "ordered_at", "region");
    assertThat(
            glue.database(orders.namespace().level(0)).orElseThrow().path("Description").asText())
        .isEqualTo("Contract domain");
  }

  @Test
  void aCommitUpdatesTheTableOnItsVersionIdWithoutArchiving() {
    TableIdentifier orders = createdOrders();
    String database = orders.namespace().level(0);
    String before =
        glue.table(database, "orders")
            .orElseThrow()
            .path("Parameters")
            .path("metadata_location")
            .asText();
    String versionBefore = glue.table(database, "orders").orElseThrow().path("VersionId").asText();
    glue.clearReceived();

    catalog.loadTable(orders).updateProperties().set("k", "v").commit();

    JsonNode update = glue.bodies("UpdateTable").getFirst();
    assertThat(update.path("VersionId").asText()).isEqualTo(versionBefore);
    assertThat(update.path("SkipArchive").asBoolean()).isTrue();
    assertThat(
            update
                .path("TableInput")
                .path("Parameters")
                .path("previous_metadata_location")
                .asText())
        .isEqualTo(before);
    assertThat(glue.archivedVersions(database, "orders")).isZero();
    JsonNode after = glue.table(database, "orders").orElseThrow();
    assertThat(after.path("VersionId").asText()).isNotEqualTo(versionBefore);
    assertThat(
            after
                .path("Parameters")
                .path(BaseMetastoreTableOperations.METADATA_LOCATION_PROP)
                .asText())
        .isNotEqualTo(before);
  }

  @Test
  void aConcurrentGlueEditIsRefusedOnVersionIdAndTheCommitRetries() {
    TableIdentifier orders = createdOrders();
    String database = orders.namespace().level(0);
    glue.concurrentEditBeforeNextUpdates(database, "orders", 2);
    glue.clearReceived();

    // A transaction, as the platform's plan applier commits: on refusal it refreshes and
    // re-applies.
    Transaction transaction = catalog.loadTable(orders).newTransaction();
    transaction.updateSchema().addColumn("note", Types.StringType.get()).commit();
    transaction.updateProperties().set("k", "v").commit();
    transaction.commitTransaction();

    assertThat(glue.operations().stream().filter("UpdateTable"::equals)).hasSize(3);
    assertThat(catalog.loadTable(orders).schema().findField("note")).isNotNull();
    assertThat(catalog.loadTable(orders).properties()).containsEntry("k", "v");

    try (GlueClient client = client()) {
      JsonNode current = glue.table(database, "orders").orElseThrow();
      assertThatThrownBy(
              () ->
                  client.updateTable(
                      request ->
                          request
                              .catalogId(ACCOUNT)
                              .databaseName(database)
                              .versionId("1")
                              .tableInput(
                                  input -> input.name("orders").tableType("EXTERNAL_TABLE"))))
          .isInstanceOf(ConcurrentModificationException.class)
          .hasMessageContaining("is not the current " + current.path("VersionId").asText());
    }
  }

  @Test
  void listsPageThroughEveryDatabaseAndTable() {
    String domain = uniqueDomain();
    Schema schema = ordersVersion1();
    converge(
        state(
            domain,
            table(domain, "a1", schema, PartitionSpec.unpartitioned(), Map.of()),
            table(domain, "a2", schema, PartitionSpec.unpartitioned(), Map.of()),
            table(domain, "a3", schema, PartitionSpec.unpartitioned(), Map.of()),
            table(domain, "a4", schema, PartitionSpec.unpartitioned(), Map.of()),
            table(domain, "a5", schema, PartitionSpec.unpartitioned(), Map.of())));
    glue.clearReceived();

    assertThat(catalog.listTables(Namespace.of(domain))).hasSize(5);
    List<JsonNode> pages = glue.bodies("GetTables");
    assertThat(pages).hasSize(3);
    assertThat(pages.get(2).path("NextToken").asText()).isNotEmpty();
    assertThat(((SupportsNamespaces) catalog).listNamespaces()).contains(Namespace.of(domain));
    assertThat(glue.bodies("GetDatabases").size()).isGreaterThan(1);
  }

  @Test
  void gluesErrorsBecomeIcebergsExceptions() {
    TableIdentifier orders = createdOrders();
    SupportsNamespaces namespaces = (SupportsNamespaces) catalog;

    assertThatThrownBy(() -> namespaces.createNamespace(orders.namespace(), Map.of()))
        .isInstanceOf(AlreadyExistsException.class);
    assertThatThrownBy(() -> namespaces.loadNamespaceMetadata(Namespace.of("contract_missing")))
        .isInstanceOf(NoSuchNamespaceException.class);
    assertThatThrownBy(() -> catalog.loadTable(TableIdentifier.of(orders.namespace(), "missing")))
        .isInstanceOf(NoSuchTableException.class);
    assertThat(catalog.tableExists(TableIdentifier.of(orders.namespace(), "missing"))).isFalse();
    assertThatThrownBy(
            () ->
                catalog
                    .buildTable(
                        orders,
                        new Schema(Types.NestedField.optional(1, "x", Types.IntegerType.get())))
                    .create())
        .isInstanceOf(AlreadyExistsException.class);
  }

  @Test
  void theServerChecksGluesNameRulesAndStoresNamesInLowerCase() {
    try (GlueClient client = client()) {
      assertThatThrownBy(
              () ->
                  client.createDatabase(request -> request.databaseInput(input -> input.name(""))))
          .isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(
              () ->
                  client.createDatabase(
                      request -> request.databaseInput(input -> input.name("a\nb"))))
          .isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(
              () ->
                  client.createDatabase(
                      request -> request.databaseInput(input -> input.name("x".repeat(256)))))
          .isInstanceOf(InvalidInputException.class);
      String name = uniqueDomain();
      client.createDatabase(
          request -> request.databaseInput(input -> input.name(name.toUpperCase())));
      assertThat(client.getDatabase(request -> request.name(name)).database().name())
          .isEqualTo(name);
      assertThatThrownBy(
              () -> client.getTable(request -> request.databaseName(name).name("missing")))
          .isInstanceOf(EntityNotFoundException.class)
          .hasMessageContaining("missing");
      assertThatThrownBy(
              () -> client.getDatabase(request -> request.catalogId("210987654321").name(name)))
          .isInstanceOf(EntityNotFoundException.class);
    }
  }

  private GlueClient client() {
    return GlueClient.builder()
        .endpointOverride(URI.create(glue.endpoint().toString()))
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
