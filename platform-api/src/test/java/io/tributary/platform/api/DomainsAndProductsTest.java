package io.tributary.platform.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tributary.platform.testing.LocalLakehouseResource;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The API as admin, owner, member and outsider: onboarding, declaring and evolving products,
 * optimistic writes, discovery and tenancy, on a real local lakehouse.
 */
@QuarkusTest
@QuarkusTestResource(LocalLakehouseResource.class)
class DomainsAndProductsTest {
  private static final String ADMIN = LocalLakehouseResource.token("root", "platform-admins");

  @Inject Catalog catalog;

  static String unique(String prefix) {
    return prefix + "_" + Long.toHexString(System.nanoTime()).substring(5);
  }

  private static String owner(String domain) {
    return LocalLakehouseResource.token("sam", domain + "-owners");
  }

  private static String member(String domain) {
    return LocalLakehouseResource.token("ana", domain + "-analysts");
  }

  private static final String OUTSIDER = LocalLakehouseResource.token("olga", "elsewhere");

  static String domainYaml(String domain, String title) {
    return """
        apiVersion: tributary.io/v1
        kind: Domain
        metadata:
          name: %1$s
          title: %2$s
          description: Orders of the web shop.
        spec:
          owners: [%1$s-owners]
          members: [%1$s-analysts]
          costs: {monthlyBudgetUsd: 100, maxBytesScannedPerQuery: 1073741824}
        """
        .formatted(domain, title);
  }

  static String productYaml(
      String domain, String product, String version, String visibility, String extraColumns) {
    return """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata:
          domain: %s
          name: %s
          version: %s
          title: Orders
          description: One row per order placed in the web shop.
          tags: [orders, revenue]
        spec:
          zone: curated
          table:
            columns:
              - {name: order_id, type: long, required: true, description: Order number}
              - {name: ordered_at, type: timestamptz, required: true}
              - {name: amount, type: "decimal(12,2)"}
        %s
            primaryKey: [order_id]
            partitioning: ["day(ordered_at)"]
          access:
            visibility: %s
          sla: {freshness: PT6H}
          source: {type: ingest}
        """
        .formatted(domain, product, version, extraColumns, visibility);
  }

  static Response put(String token, String path, String yaml) {
    return given().auth().oauth2(token).contentType("application/yaml").body(yaml).when().put(path);
  }

  static void onboard(String domain) {
    put(ADMIN, "/api/v1/domains/" + domain, domainYaml(domain, "Sales")).then().statusCode(201);
  }

  @Test
  void adminOnboardsDomainAndOnlyItsPeopleSeeItsDetails() throws Exception {
    String domain = unique("shop");
    Response created = put(ADMIN, "/api/v1/domains/" + domain, domainYaml(domain, "Sales"));
    created.then().statusCode(201).header("ETag", "\"1\"");
    JsonPath body = created.jsonPath();
    assertThat(body.getString("domain.name")).isEqualTo(domain);
    assertThat(body.getString("run.status")).isEqualTo("succeeded");
    assertThat(body.getList("run.plan.action", String.class)).contains("create-namespace");
    assertThat(catalog.listTables(org.apache.iceberg.catalog.Namespace.of(domain))).isEmpty();

    given()
        .auth()
        .oauth2(owner(domain))
        .get("/api/v1/domains/" + domain)
        .then()
        .statusCode(200)
        .body("owners", equalTo(List.of(domain + "-owners")));
    given().auth().oauth2(member(domain)).get("/api/v1/domains/" + domain).then().statusCode(200);
    given()
        .auth()
        .oauth2(OUTSIDER)
        .get("/api/v1/domains/" + domain)
        .then()
        .statusCode(403)
        .contentType(Problem.MEDIA_TYPE);
    given()
        .auth()
        .oauth2(OUTSIDER)
        .get("/api/v1/domains")
        .then()
        .statusCode(200)
        .body("name", hasItem(domain));

    String rules = Files.readString(LocalLakehouseResource.settings().layout().accessRules());
    assertThat(rules).contains("\\\\Q" + domain + "-analysts\\\\E");
  }

  @Test
  void onlyAdminsOnboardAndOnlyOwnersChangeAndStaleWritesAreRefused() {
    String domain = unique("shop");
    put(owner(domain), "/api/v1/domains/" + domain, domainYaml(domain, "Sales"))
        .then()
        .statusCode(403)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", equalTo("Only platform admins may onboard a domain"));
    onboard(domain);

    put(member(domain), "/api/v1/domains/" + domain, domainYaml(domain, "Sales v2"))
        .then()
        .statusCode(403);
    put(OUTSIDER, "/api/v1/domains/" + domain, domainYaml(domain, "Mine now"))
        .then()
        .statusCode(403);

    given()
        .auth()
        .oauth2(owner(domain))
        .header("If-Match", "\"1\"")
        .contentType("application/yaml")
        .body(domainYaml(domain, "Sales v2"))
        .put("/api/v1/domains/" + domain)
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"");
    given()
        .auth()
        .oauth2(owner(domain))
        .header("If-Match", "\"1\"")
        .contentType("application/yaml")
        .body(domainYaml(domain, "Sales v3"))
        .put("/api/v1/domains/" + domain)
        .then()
        .statusCode(412)
        .contentType(Problem.MEDIA_TYPE)
        .body("title", equalTo("The resource changed since it was read"));
    given()
        .auth()
        .oauth2(owner(domain))
        .get("/api/v1/domains/" + domain)
        .then()
        .body("title", equalTo("Sales v2"));

    given()
        .auth()
        .oauth2(ADMIN)
        .get("/api/v1/domains/" + domain + "/audit")
        .then()
        .statusCode(200)
        .body("events.outcome", hasItem("DENIED"));
    given()
        .auth()
        .oauth2(member(domain))
        .get("/api/v1/domains/" + domain + "/audit")
        .then()
        .statusCode(403);
  }

  @Test
  void invalidDeclarationListsEveryProblemWithItsPointer() {
    String domain = unique("shop");
    onboard(domain);
    String broken =
        productYaml(domain, "orders", "1.0", "everyone", "      - {name: amount, type: money}");
    put(owner(domain), "/api/v1/domains/%s/products/orders".formatted(domain), broken)
        .then()
        .statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("errors.pointer", hasItem("/metadata/version"))
        .body("errors.pointer", hasItem("/spec/access/visibility"))
        .body("errors.pointer", hasItem("/spec/table/columns/3/type"));
  }

  @Test
  void ownerDeclaresEvolvesAndRetiresAProduct() {
    String domain = unique("shop");
    onboard(domain);
    String path = "/api/v1/domains/%s/products/orders".formatted(domain);
    TableIdentifier table = TableIdentifier.of(domain, "orders");

    put(member(domain), path, productYaml(domain, "orders", "1.0.0", "discoverable", ""))
        .then()
        .statusCode(403);
    Response declared =
        put(owner(domain), path, productYaml(domain, "orders", "1.0.0", "discoverable", ""));
    declared.then().statusCode(201).header("ETag", "\"1\"");
    assertThat(declared.jsonPath().getList("run.plan.action", String.class))
        .containsExactly("create-table");
    Table created = catalog.loadTable(table);
    assertThat(created.schema().identifierFieldNames()).containsExactly("order_id");
    assertThat(created.properties()).containsEntry("tributary.version", "1.0.0");

    // Declaring the same thing again changes nothing.
    put(owner(domain), path, productYaml(domain, "orders", "1.0.0", "discoverable", ""))
        .then()
        .statusCode(200)
        .body("run.plan", equalTo(List.of()));

    String withCoupon =
        productYaml(
            domain, "orders", "1.1.0", "discoverable", "      - {name: coupon, type: string}");
    Response dryRun =
        given()
            .auth()
            .oauth2(owner(domain))
            .contentType("application/yaml")
            .body(withCoupon)
            .put(path + "?dryRun=true");
    dryRun
        .then()
        .statusCode(200)
        .body("dryRun", equalTo(true))
        .body("run.status", equalTo("dry-run"));
    assertThat(dryRun.jsonPath().getList("run.plan.target", String.class))
        .contains(domain + ".orders.coupon");
    assertThat(catalog.loadTable(table).schema().findField("coupon"))
        .as("a dry run changes nothing")
        .isNull();
    given().auth().oauth2(owner(domain)).get(path).then().body("product.version", equalTo("1.0.0"));

    put(owner(domain), path, withCoupon)
        .then()
        .statusCode(200)
        .body("product.product.version", equalTo("1.1.0"));
    assertThat(catalog.loadTable(table).schema().findField("coupon")).isNotNull();

    String dropped =
        productYaml(domain, "orders", "1.2.0", "discoverable", "")
            .replace("      - {name: amount, type: \"decimal(12,2)\"}\n", "");
    put(owner(domain), path, dropped)
        .then()
        .statusCode(409)
        .contentType(Problem.MEDIA_TYPE)
        .body("errors.pointer", hasItem("/metadata/version"));
    put(owner(domain), path, dropped.replace("1.2.0", "2.0.0")).then().statusCode(200);
    assertThat(catalog.loadTable(table).schema().findField("amount")).isNull();

    given()
        .auth()
        .oauth2(owner(domain))
        .get(path + "/versions")
        .then()
        .statusCode(200)
        .body("version", equalTo(List.of("1.0.0", "1.1.0", "2.0.0")));

    given().auth().oauth2(OUTSIDER).delete(path).then().statusCode(403);
    given()
        .auth()
        .oauth2(owner(domain))
        .delete(path)
        .then()
        .statusCode(200)
        .body("product.product.status", equalTo("retired"));
    assertThat(catalog.loadTable(table).properties()).containsEntry("tributary.status", "retired");
  }

  @Test
  void productDetailShowsSchemaFreshnessAndTheCallersAccess() {
    String domain = unique("shop");
    onboard(domain);
    String path = "/api/v1/domains/%s/products/orders".formatted(domain);
    put(owner(domain), path, productYaml(domain, "orders", "1.0.0", "discoverable", ""))
        .then()
        .statusCode(201);

    given()
        .auth()
        .oauth2(member(domain))
        .get(path)
        .then()
        .statusCode(200)
        .body("schema.name", equalTo(List.of("order_id", "ordered_at", "amount")))
        .body("schema[2].type", equalTo("decimal(12,2)"))
        .body("primaryKey", equalTo(List.of("order_id")))
        .body("partitioning", equalTo(List.of("day(ordered_at)")))
        .body("freshness.status", equalTo("no-data"))
        .body("access.role", equalTo("member"))
        .body("access.read", equalTo(true))
        .body("access.change", equalTo(false))
        .body("table", equalTo("lakehouse.%s.orders".formatted(domain)));
    given()
        .auth()
        .oauth2(OUTSIDER)
        .get(path)
        .then()
        .statusCode(200)
        .body("access.role", equalTo("none"))
        .body("access.read", equalTo(false));
    given().auth().oauth2(OUTSIDER).get(path + "/snapshots").then().statusCode(200);
  }

  @Test
  void discoveryShowsDiscoverableProductsToAllAndPrivateOnesToTheDomainOnly() {
    String domain = unique("shop");
    onboard(domain);
    put(
            owner(domain),
            "/api/v1/domains/%s/products/orders".formatted(domain),
            productYaml(domain, "orders", "1.0.0", "discoverable", ""))
        .then()
        .statusCode(201);
    put(
            owner(domain),
            "/api/v1/domains/%s/products/margins".formatted(domain),
            productYaml(domain, "margins", "1.0.0", "private", "")
                .replace("tags: [orders, revenue]", "tags: [finance]"))
        .then()
        .statusCode(201);

    given()
        .auth()
        .oauth2(OUTSIDER)
        .queryParam("domain", domain)
        .get("/api/v1/products")
        .then()
        .statusCode(200)
        .body("products.name", equalTo(List.of("orders")));
    given()
        .auth()
        .oauth2(member(domain))
        .queryParam("domain", domain)
        .get("/api/v1/products")
        .then()
        .body("products.name", equalTo(List.of("margins", "orders")));
    given()
        .auth()
        .oauth2(member(domain))
        .queryParam("domain", domain)
        .queryParam("tag", "finance")
        .get("/api/v1/products")
        .then()
        .body("products.name", equalTo(List.of("margins")));
    given()
        .auth()
        .oauth2(OUTSIDER)
        .queryParam("q", domain + ".margins")
        .get("/api/v1/products")
        .then()
        .body("products", equalTo(List.of()));
    given()
        .auth()
        .oauth2(OUTSIDER)
        .get("/api/v1/domains/%s/products/margins".formatted(domain))
        .then()
        .statusCode(403);

    // Pages of one, to the end, with no duplicate.
    List<String> seen = new java.util.ArrayList<>();
    String token = null;
    do {
      var request =
          given()
              .auth()
              .oauth2(member(domain))
              .queryParam("domain", domain)
              .queryParam("pageSize", 1);
      if (token != null) {
        request.queryParam("pageToken", token);
      }
      JsonPath page = request.get("/api/v1/products").then().statusCode(200).extract().jsonPath();
      seen.addAll(page.getList("products.name", String.class));
      token = page.getString("nextPageToken");
    } while (token != null);
    assertThat(seen).containsExactly("margins", "orders");
  }

  @Test
  void runsAndMeShowOnlyWhatTheCallerMaySee() {
    String domain = unique("shop");
    String runId =
        put(ADMIN, "/api/v1/domains/" + domain, domainYaml(domain, "Sales"))
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getString("run.id");
    given()
        .auth()
        .oauth2(owner(domain))
        .get("/api/v1/runs/" + runId)
        .then()
        .statusCode(200)
        .body("status", equalTo("succeeded"))
        .body("domain", equalTo(domain));
    given().auth().oauth2(OUTSIDER).get("/api/v1/runs/" + runId).then().statusCode(403);
    given()
        .auth()
        .oauth2(owner(domain))
        .get("/api/v1/domains/" + domain + "/runs")
        .then()
        .statusCode(200)
        .body("runs.id", hasItem(runId));

    given()
        .auth()
        .oauth2(owner(domain))
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("domains", hasItem(Map.of("domain", domain, "role", "owner")));
    given()
        .auth()
        .oauth2(OUTSIDER)
        .get("/api/v1/me")
        .then()
        .body("domains.domain", not(hasItem(domain)));
  }

  @Test
  void failedRunSaysWhyLeavesWhatServedAndARetryConverges() {
    String domain = unique("shop");
    onboard(domain);
    // Something else already holds the name in the catalog: a view the domain's jobs made.
    org.apache.iceberg.catalog.ViewCatalog views = (org.apache.iceberg.catalog.ViewCatalog) catalog;
    TableIdentifier name = TableIdentifier.of(domain, "orders");
    views
        .buildView(name)
        .withSchema(
            new org.apache.iceberg.Schema(
                org.apache.iceberg.types.Types.NestedField.optional(
                    1, "x", org.apache.iceberg.types.Types.IntegerType.get())))
        .withDefaultNamespace(name.namespace())
        .withQuery("trino", "SELECT 1 AS x")
        .create();

    String path = "/api/v1/domains/%s/products/orders".formatted(domain);
    JsonPath failed =
        put(owner(domain), path, productYaml(domain, "orders", "1.0.0", "discoverable", ""))
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertThat(failed.getString("run.status")).isEqualTo("failed");
    assertThat(failed.getString("run.error")).contains("already exists");
    assertThat(views.viewExists(name)).as("what served before still serves").isTrue();
    given()
        .auth()
        .oauth2(owner(domain))
        .get("/api/v1/runs/" + failed.getString("run.id"))
        .then()
        .body("status", equalTo("failed"))
        .body("log", hasItem(org.hamcrest.Matchers.startsWith("failed: ")));

    views.dropView(name);
    put(owner(domain), path, productYaml(domain, "orders", "1.0.0", "discoverable", ""))
        .then()
        .statusCode(200)
        .body("run.status", equalTo("succeeded"))
        .body("run.plan.action", equalTo(List.of("create-table")));
    assertThat(catalog.tableExists(name)).isTrue();
  }

  @Test
  void twoChangesToOneDomainNeverInterleave() throws Exception {
    String domain = unique("shop");
    onboard(domain);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Integer>> puts = new java.util.ArrayList<>();
      for (String product : List.of("orders", "returns", "refunds", "payments")) {
        puts.add(
            pool.submit(
                () ->
                    put(
                            owner(domain),
                            "/api/v1/domains/%s/products/%s".formatted(domain, product),
                            productYaml(domain, product, "1.0.0", "discoverable", ""))
                        .statusCode()));
      }
      for (var put : puts) {
        assertThat(put.get()).isEqualTo(201);
      }
    } finally {
      pool.shutdown();
    }
    List<Map<String, Object>> runs =
        given()
            .auth()
            .oauth2(owner(domain))
            .queryParam("pageSize", 50)
            .get("/api/v1/domains/" + domain + "/runs")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("runs");
    assertThat(runs)
        .hasSize(5)
        .allSatisfy(run -> assertThat(run.get("status")).isEqualTo("succeeded"));
    List<java.time.Instant[]> spans =
        runs.stream()
            .map(
                run ->
                    new java.time.Instant[] {
                      java.time.Instant.parse((String) run.get("startedAt")),
                      java.time.Instant.parse((String) run.get("finishedAt"))
                    })
            .sorted(java.util.Comparator.comparing(span -> span[0]))
            .toList();
    for (int i = 1; i < spans.size(); i++) {
      assertThat(spans.get(i)[0])
          .as("run %d starts after run %d finished", i, i - 1)
          .isAfterOrEqualTo(spans.get(i - 1)[1]);
    }
  }
}
