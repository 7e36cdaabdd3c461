package io.tributary.platform.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tributary.platform.testing.LocalLakehouseResource;
import io.tributary.policies.grant.AccessEvaluator;
import io.tributary.policies.grant.Caller;
import io.tributary.policies.grant.Grant;
import io.tributary.policies.grant.Mask;
import io.tributary.policies.grant.ProductColumns;
import io.tributary.policies.grant.ProductName;
import io.tributary.policies.trino.DomainAccess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A declared grant means the same over REST and over JDBC, and both equal what the policies
 * module's reference evaluator says: the columns, the masked values, the rows; and a grant that
 * expires stops working without anyone touching it.
 */
@QuarkusTest
@QuarkusTestResource(LocalLakehouseResource.class)
class GrantsEnforcementTest {
  // Decimals as written: 10.50 stays 10.50.
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(
              com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
  private static final String ADMIN = LocalLakehouseResource.token("root", "platform-admins");

  private static final List<Map<String, Object>> ROWS =
      List.of(
          row(1, "EU", "ada@example.com", "111", "10.50"),
          row(2, "US", "alan@example.com", "222", "20.00"),
          row(3, "EU", "grace@example.com", "333", "30.25"),
          row(4, "APAC", "linus@example.com", "444", "40.00"),
          row(5, "EU", null, "555", "50.00"));

  private static Map<String, Object> row(
      long id, String region, String email, String ssn, String amount) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("region", region);
    row.put("email", email);
    row.put("ssn", ssn);
    row.put("amount", new java.math.BigDecimal(amount));
    return row;
  }

  private static String productYaml(String domain, String version, String grants) {
    return """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: %s, name: customers, version: %s, title: Customers}
        spec:
          zone: curated
          table:
            columns:
              - {name: id, type: long, required: true}
              - {name: region, type: string}
              - {name: email, type: string, classification: pii}
              - {name: ssn, type: string, classification: pii}
              - {name: amount, type: "decimal(10,2)"}
            primaryKey: [id]
          access:
            visibility: discoverable
            grants:
        %s
          source: {type: external}
        """
        .formatted(domain, version, grants);
  }

  private static Response put(String token, String path, String yaml) {
    return given().auth().oauth2(token).contentType("application/yaml").body(yaml).put(path);
  }

  @Test
  void declaredGrantIsEnforcedAlikeOverRestAndJdbcAndMatchesTheEvaluator() throws Exception {
    String domain = DomainsAndProductsTest.unique("grants");
    String owner = LocalLakehouseResource.token("sam", domain + "-owners");
    String partnerGroup = domain + "-partners";
    String partner = LocalLakehouseResource.token("pat", partnerGroup);
    String outsider = LocalLakehouseResource.token("olga", "elsewhere");
    put(ADMIN, "/api/v1/domains/" + domain, DomainsAndProductsTest.domainYaml(domain, "Grants"))
        .then()
        .statusCode(201);
    String grant =
        """
              - principal: group:%s
                columns: {include: [id, region, email, amount]}
                masks: {email: hash}
                rowFilter: "region = 'EU'"
                purpose: partner reporting
        """
            .formatted(partnerGroup);
    String path = "/api/v1/domains/%s/products/customers".formatted(domain);
    put(owner, path, productYaml(domain, "1.0.0", grant)).then().statusCode(201);
    insertRows(domain);

    // What the reference evaluator says the partner sees.
    ProductColumns columns =
        ProductColumns.of(
            ProductName.of(domain, "customers"),
            "id",
            "long",
            "region",
            "string",
            "email",
            "string",
            "ssn",
            "string",
            "amount",
            "decimal(10,2)");
    Grant declared =
        Grant.to("group:" + partnerGroup, domain + ".customers")
            .columns(
                io.tributary.policies.grant.ColumnSelection.include(
                    "id", "region", "email", "amount"))
            .mask("email", Mask.HASH)
            .rowFilter("region = 'EU'")
            .build();
    AccessEvaluator evaluator =
        AccessEvaluator.evaluate(
            new Caller("pat", Set.of(partnerGroup)),
            columns,
            new DomainAccess(domain, List.of(domain + "-owners"), List.of(domain + "-analysts")),
            List.of(declared),
            Instant.now());
    List<List<String>> expected = new ArrayList<>();
    for (Map<String, Object> row : ROWS) {
      evaluator.apply(row).ifPresent(seen -> expected.add(asText(seen.values())));
    }
    assertThat(expected).hasSize(3);

    given()
        .auth()
        .oauth2(partner)
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("grants.product", hasItem(domain + ".customers"));
    given()
        .auth()
        .oauth2(partner)
        .get(path)
        .then()
        .statusCode(200)
        .body("access.read", equalTo(true))
        .body("access.visibleColumns", equalTo(List.of("id", "region", "email", "amount")))
        .body("access.maskedColumns.email", equalTo("hash"))
        .body("access.rowFilter", equalTo("\"region\" = 'EU'"))
        .body("access.grants", equalTo(List.of()));
    given()
        .auth()
        .oauth2(owner)
        .get(path)
        .then()
        .body("access.grants.principal", equalTo(List.of("group:" + partnerGroup)))
        .body(
            "lakeFormationNotes[0]",
            org.hamcrest.Matchers.containsString(
                "group:%s does not see column email at all".formatted(partnerGroup)));

    JsonNode rest = awaitRows(partner, domain);
    List<String> restColumns = new ArrayList<>();
    rest.get("columns").forEach(column -> restColumns.add(column.get("name").asText()));
    assertThat(restColumns).containsExactly("id", "region", "email", "amount");
    List<List<String>> restRows = new ArrayList<>();
    rest.get("rows")
        .forEach(
            row -> {
              List<String> values = new ArrayList<>();
              row.forEach(value -> values.add(value.isNull() ? null : value.asText()));
              restRows.add(values);
            });
    assertThat(restRows).as("REST equals the evaluator").isEqualTo(expected);

    try (Connection connection = LocalLakehouseResource.connect("pat", partner)) {
      assertThat(
              query(
                  connection, "SELECT * FROM lakehouse.%s.customers ORDER BY id".formatted(domain)))
          .as("JDBC equals the evaluator")
          .isEqualTo(expected);
    }

    given().auth().oauth2(outsider).get(path + "/data").then().statusCode(403);
  }

  @Test
  void grantThatExpiresStopsWorkingOnItsOwn() throws Exception {
    String domain = DomainsAndProductsTest.unique("grants");
    String owner = LocalLakehouseResource.token("sam", domain + "-owners");
    String partnerGroup = domain + "-partners";
    String partner = LocalLakehouseResource.token("pat", partnerGroup);
    put(ADMIN, "/api/v1/domains/" + domain, DomainsAndProductsTest.domainYaml(domain, "Grants"))
        .then()
        .statusCode(201);
    Instant expires =
        Instant.now().plusSeconds(25).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String grant =
        """
              - principal: group:%s
                columns: all
                expires: %s
        """
            .formatted(partnerGroup, expires);
    put(
            owner,
            "/api/v1/domains/%s/products/customers".formatted(domain),
            productYaml(domain, "1.0.0", grant))
        .then()
        .statusCode(201);
    insertRows(domain);
    given().auth().oauth2(partner).get("/api/v1/me").then().statusCode(200);

    assertThat(awaitRows(partner, domain).get("rows")).hasSize(5);
    Instant deadline = expires.plus(Duration.ofSeconds(20));
    int status = 200;
    while (status == 200 && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      status =
          given()
              .auth()
              .oauth2(partner)
              .get("/api/v1/domains/%s/products/customers/data".formatted(domain))
              .statusCode();
    }
    assertThat(status).as("denied once the grant expired").isEqualTo(403);
    assertThat(Instant.now()).isAfterOrEqualTo(expires);
  }

  @Test
  void grantsThatDoNotFitTheTableAreRefusedAtDeclaration() {
    String domain = DomainsAndProductsTest.unique("grants");
    String owner = LocalLakehouseResource.token("sam", domain + "-owners");
    put(ADMIN, "/api/v1/domains/" + domain, DomainsAndProductsTest.domainYaml(domain, "Grants"))
        .then()
        .statusCode(201);
    String grants =
        """
              - principal: group:partners
                masks: {amount: hash}
              - principal: group:auditors
                rowFilter: "lower(region) = 'eu'"
        """;
    put(
            owner,
            "/api/v1/domains/%s/products/customers".formatted(domain),
            productYaml(domain, "1.0.0", grants))
        .then()
        .statusCode(422)
        .body("errors.pointer", hasItem("/spec/access/grants/0"))
        .body("errors.pointer", hasItem("/spec/access/grants/1/rowFilter"));
  }

  private static List<String> asText(java.util.Collection<Object> values) {
    List<String> text = new ArrayList<>();
    values.forEach(value -> text.add(value == null ? null : value.toString()));
    return text;
  }

  private static void insertRows(String domain) throws SQLException {
    try (Connection connection =
            LocalLakehouseResource.connect("tributary", LocalLakehouseResource.token("tributary"));
        Statement statement = connection.createStatement()) {
      StringBuilder values = new StringBuilder();
      for (Map<String, Object> row : ROWS) {
        if (!values.isEmpty()) {
          values.append(", ");
        }
        values.append(
            "(%d, '%s', %s, '%s', DECIMAL '%s')"
                .formatted(
                    row.get("id"),
                    row.get("region"),
                    row.get("email") == null ? "NULL" : "'" + row.get("email") + "'",
                    row.get("ssn"),
                    row.get("amount")));
      }
      statement.execute("INSERT INTO lakehouse.%s.customers VALUES %s".formatted(domain, values));
    }
  }

  /** The partner's rows over REST, once Trino has reloaded the rules and the group file. */
  private static JsonNode awaitRows(String token, String domain) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    while (true) {
      Response response =
          given()
              .auth()
              .oauth2(token)
              .accept("application/json")
              .get("/api/v1/domains/%s/products/customers/data".formatted(domain));
      if (response.statusCode() == 200 || Instant.now().isAfter(deadline)) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
      }
      Thread.sleep(250);
    }
  }

  private static List<List<String>> query(Connection connection, String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData metadata = result.getMetaData();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
          row.add(result.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
