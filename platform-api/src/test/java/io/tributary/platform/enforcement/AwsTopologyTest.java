package io.tributary.platform.enforcement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tributary.platform.catalog.glue.GlueTestServer;
import io.tributary.platform.enforcement.lakeformation.LakeFormationTestServer;
import io.tributary.platform.testing.LocalLakehouseResource;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The AWS profile end to end through the API, against local servers speaking Glue's and Lake
 * Formation's protocols (they check the protocol, not AWS's behaviour): a domain and product PUT
 * provision the product's Iceberg table into Glue and tag it through Lake Formation; declared
 * grants and approved access requests become Lake Formation grants on the mapped IAM roles, a row
 * filter a data cells filter, and revoking a request revokes its grant; Trino's rules are written
 * in the same publish.
 */
@QuarkusTest
@TestProfile(AwsProfile.class)
@QuarkusTestResource(LocalLakehouseResource.class)
class AwsTopologyTest {
  private static final String ADMIN = LocalLakehouseResource.token("root", "platform-admins");

  @Inject Catalog catalog;

  @ConfigProperty(name = "tributary.trino.rules-file")
  Path rulesFile;

  private static String unique(String prefix) {
    return prefix + "_" + Long.toHexString(System.nanoTime()).substring(5);
  }

  private static String role(String kind, String name) {
    return "arn:aws:iam::" + AwsProfile.ACCOUNT + ":role/tributary-" + kind + "-" + name;
  }

  private static String owner(String domain) {
    return LocalLakehouseResource.token("sam", domain + "-owners");
  }

  private static Response put(String token, String path, String yaml) {
    return given().auth().oauth2(token).contentType("application/yaml").body(yaml).put(path);
  }

  private static String domainYaml(String domain) {
    return """
        apiVersion: tributary.io/v1
        kind: Domain
        metadata:
          name: %1$s
          title: AWS
          description: Customers of the web shop.
        spec:
          owners: [%1$s-owners]
          members: [%1$s-analysts]
          costs: {monthlyBudgetUsd: 100, maxBytesScannedPerQuery: 1073741824}
        """
        .formatted(domain);
  }

  private static String productYaml(String domain, String grants) {
    return """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: %s, name: customers, version: 1.0.0, title: Customers}
        spec:
          zone: curated
          table:
            columns:
              - {name: id, type: long, required: true}
              - {name: region, type: string}
              - {name: email, type: string, classification: pii}
            primaryKey: [id]
          access:
            visibility: discoverable
        %s
          source: {type: external}
        """
        .formatted(domain, grants);
  }

  private static String domainWithCustomers(String grants) {
    String domain = unique("aws");
    Response created = put(ADMIN, "/api/v1/domains/" + domain, domainYaml(domain));
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    Response product =
        put(
            owner(domain),
            "/api/v1/domains/%s/products/customers".formatted(domain),
            productYaml(domain, grants));
    assertThat(product.statusCode()).as(product.asString()).isEqualTo(201);
    return domain;
  }

  private static List<JsonNode> entries(String operation) {
    List<JsonNode> entries = new ArrayList<>();
    AwsServersResource.lakeFormation()
        .bodies(operation)
        .forEach(body -> body.path("Entries").forEach(entries::add));
    return entries;
  }

  private static List<JsonNode> entriesFor(String operation, String principal) {
    return entries(operation).stream()
        .filter(
            entry ->
                entry
                    .path("Principal")
                    .path("DataLakePrincipalIdentifier")
                    .asText()
                    .equals(principal))
        .toList();
  }

  @Test
  void aProductPutProvisionsItsTableIntoGlueAndItsGrantsIntoLakeFormation() throws Exception {
    String domain =
        domainWithCustomers(
            """
                grants:
                  - principal: group:partners_%s
                    columns: {include: [id, region]}
                    rowFilter: "region = 'EU'"
                  - principal: group:finance_%<s
                    columns: {exclude: [email]}
            """
                .formatted("x"));
    GlueTestServer glue = AwsServersResource.glue();
    LakeFormationTestServer lakeFormation = AwsServersResource.lakeFormation();

    assertThat(catalog.getClass().getName()).isEqualTo("org.apache.iceberg.aws.glue.GlueCatalog");
    JsonNode table = glue.table(domain, "customers").orElseThrow();
    assertThat(table.path("Parameters").path("table_type").asText())
        .isEqualToIgnoringCase("iceberg");
    assertThat(table.path("Parameters").path("metadata_location").asText()).startsWith("s3://");
    assertThat(
            glue.database(domain)
                .orElseThrow()
                .path("Parameters")
                .path("tributary.owners")
                .asText())
        .isEqualTo(domain + "-owners");
    assertThat(catalog.loadTable(TableIdentifier.of(domain, "customers")).schema().columns())
        .extracting(column -> column.name())
        .containsExactly("id", "region", "email");

    assertThat(lakeFormation.tableTags(domain, "customers"))
        .containsEntry("domain", domain)
        .containsEntry("zone", "curated");
    assertThat(lakeFormation.columnTags(domain, "customers", "email"))
        .containsEntry("classification", "pii");
    assertThat(lakeFormation.tags()).containsKeys("domain", "zone", "classification");

    List<JsonNode> partners = entriesFor("BatchGrantPermissions", role("group", "partners_x"));
    assertThat(partners).isNotEmpty();
    JsonNode filterResource = partners.getLast().path("Resource").path("DataCellsFilter");
    assertThat(filterResource.path("DatabaseName").asText()).isEqualTo(domain);
    assertThat(filterResource.path("TableName").asText()).isEqualTo("customers");
    JsonNode filter =
        lakeFormation.bodies("CreateDataCellsFilter").stream()
            .map(body -> body.path("TableData"))
            .filter(data -> data.path("DatabaseName").asText().equals(domain))
            .findFirst()
            .orElseThrow();
    assertThat(filter.path("Name").asText()).isEqualTo(filterResource.path("Name").asText());
    assertThat(filter.path("RowFilter").path("FilterExpression").asText()).contains("region");
    assertThat(filter.path("RowFilter").path("FilterExpression").asText()).contains("'EU'");
    assertThat(filter.path("ColumnNames"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("id", "region");

    List<JsonNode> finance = entriesFor("BatchGrantPermissions", role("group", "finance_x"));
    JsonNode financeTable = finance.getLast().path("Resource").path("TableWithColumns");
    assertThat(financeTable.path("DatabaseName").asText()).isEqualTo(domain);
    assertThat(financeTable.path("ColumnWildcard").path("ExcludedColumnNames"))
        .extracting(JsonNode::asText)
        .containsExactly("email");
    assertThat(finance.getLast().path("Permissions"))
        .extracting(JsonNode::asText)
        .contains("SELECT");

    // Trino's rules are written in the same publish.
    assertThat(Files.readString(rulesFile)).contains(domain).contains("partners_x");
  }

  @Test
  void approvingARequestGrantsInLakeFormationAndRevokingRevokes() throws Exception {
    String domain = domainWithCustomers("");
    String user = unique("cora");
    String consumer = LocalLakehouseResource.token(user, "elsewhere");
    String userRole = role("user", user);

    Response asked =
        given()
            .auth()
            .oauth2(consumer)
            .contentType("application/json")
            .body(
                "{\"columns\": [\"id\", \"region\"], \"purpose\": \"churn\", \"duration\": \"P30D\"}")
            .post("/api/v1/domains/%s/products/customers/access-requests".formatted(domain));
    asked.then().statusCode(201);
    String id = asked.jsonPath().getString("id");
    assertThat(entriesFor("BatchGrantPermissions", userRole)).isEmpty();

    given()
        .auth()
        .oauth2(owner(domain))
        .post("/api/v1/access-requests/%s/approve".formatted(id))
        .then()
        .statusCode(200)
        .body("status", equalTo("approved"));

    List<JsonNode> granted = entriesFor("BatchGrantPermissions", userRole);
    assertThat(granted).hasSize(1);
    JsonNode resource = granted.getFirst().path("Resource").path("TableWithColumns");
    assertThat(resource.path("CatalogId").asText()).isEqualTo(AwsProfile.ACCOUNT);
    assertThat(resource.path("DatabaseName").asText()).isEqualTo(domain);
    assertThat(resource.path("Name").asText()).isEqualTo("customers");
    assertThat(resource.path("ColumnNames"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("id", "region");
    assertThat(held(userRole)).isTrue();
    assertThat(Files.readString(rulesFile)).contains(user);

    given()
        .auth()
        .oauth2(owner(domain))
        .contentType("application/json")
        .body("{\"reason\": \"done\"}")
        .post("/api/v1/access-requests/%s/revoke".formatted(id))
        .then()
        .statusCode(200)
        .body("status", equalTo("revoked"));

    assertThat(entriesFor("BatchRevokePermissions", userRole)).hasSize(1);
    assertThat(held(userRole)).isFalse();
    assertThat(Files.readString(rulesFile)).doesNotContain(user);
  }

  private static boolean held(String principal) {
    return AwsServersResource.lakeFormation().permissions().stream()
        .anyMatch(
            item ->
                item.path("Principal")
                    .path("DataLakePrincipalIdentifier")
                    .asText()
                    .equals(principal));
  }
}
