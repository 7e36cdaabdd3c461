package io.tributary.platform.query.athena;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tributary.platform.aws.PrincipalRoles;
import io.tributary.platform.testing.LocalLakehouseResource;
import io.tributary.platform.testing.TestDomain;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Refreshes and quality checks on the Athena engine: the platform's Athena calls go to {@link
 * AthenaTestServer}, which runs each statement (the refresh's {@code MERGE} included) on the real
 * local Trino. A SQL-derived product is refreshed from an ingested input and read back, its failing
 * check changes its status, and every call ran in the domain's workgroup with the platform's own
 * key; the refresh, the checks and a read show in the domain's usage with the server's {@code
 * DataScannedInBytes}. This checks the protocol and the platform's use of it, not AWS's behaviour.
 */
@QuarkusTest
@TestProfile(AthenaServersResource.Profile.class)
@QuarkusTestResource(LocalLakehouseResource.class)
class AthenaPipelinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final PrincipalRoles ROLES =
      new PrincipalRoles(
          AthenaServersResource.ACCOUNT, "arn:aws:iam::{account}:role/tributary-{kind}-{name}");

  /** Added to every query's scanned bytes, so the usage is visibly the server's figure. */
  private static final long SCANNED = 1_000_003;

  @AfterEach
  void forgetInjections() {
    AthenaServersResource.athena().reset();
  }

  @Test
  void aDerivedProductRefreshesAndIsCheckedThroughAthenaInItsDomainsWorkgroup() throws Exception {
    Instant start = Instant.now().minusSeconds(1);
    TestDomain domain = onboard();
    // Before any product exists: the local scheduler refreshes a declared product at once, and
    // every one of its queries must carry the added bytes too.
    AthenaServersResource.athena().addToScans(SCANNED);
    domain.declare(
        "orders",
        """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: %1$s, name: orders, version: 1.0.0, title: Orders}
        spec:
          zone: raw
          table:
            columns:
              - {name: order_id, type: long, required: true}
              - {name: sku, type: string, required: true}
              - {name: amount, type: "decimal(12,2)", required: true}
            primaryKey: [order_id]
          access: {visibility: private}
          source: {type: ingest}
        """
            .formatted(domain.name()));
    domain.declare(
        "revenue",
        """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: %1$s, name: revenue, version: 1.0.0, title: Revenue per SKU}
        spec:
          zone: curated
          table:
            columns:
              - {name: sku, type: string, required: true}
              - {name: revenue, type: "decimal(14,2)", required: true}
            primaryKey: [sku]
          access: {visibility: private}
          quality:
            - {type: row_count_min, min: 1}
            - {type: custom_sql, name: no_big_skus, sql: "SELECT count(*) FROM {table} WHERE revenue > 100", expect: 0}
          source:
            type: sql
            inputs: [%1$s.orders]
            refresh: full
            schedule: PT1H
            query: "SELECT sku, CAST(sum(amount) AS decimal(14,2)) AS revenue FROM %1$s.orders GROUP BY sku"
        """
            .formatted(domain.name()));

    ingest(
        domain,
        "orders",
        """
        [{"order_id": 1, "sku": "HOM-1", "amount": 10.00},
         {"order_id": 2, "sku": "HOM-1", "amount": 15.50},
         {"order_id": 3, "sku": "TOY-7", "amount": 104.25}]
        """);
    int callsBefore = AthenaServersResource.athena().calls().size();
    JsonPath refreshed = refresh(domain, "revenue");
    assertThat(refreshed.getString("status")).as(refreshed.prettify()).isEqualTo("succeeded");
    assertThat(refreshed.getLong("rowCount")).isEqualTo(2);
    assertThat(refreshed.getLong("rowsWritten"))
        .as("Athena documents no UpdateCount for MERGE: unknown, not invented")
        .isEqualTo(-1);
    assertThat(refreshed.getLong("outputSnapshot")).isPositive();

    List<AthenaTestServer.Call> calls = AthenaServersResource.athena().calls();
    List<AthenaTestServer.Call> starts =
        calls.subList(callsBefore, calls.size()).stream()
            .filter(call -> call.operation().equals("StartQueryExecution"))
            // The scheduler also looks at other tests' products meanwhile.
            .filter(call -> call.body().get("QueryString").asText().contains(q(domain.name())))
            .toList();
    assertThat(starts)
        .extracting(call -> call.body().get("QueryString").asText())
        .anyMatch(sql -> sql.startsWith("MERGE INTO \"awsdatacatalog\"." + q(domain.name())))
        .anyMatch(sql -> sql.contains(q("orders$history")));
    assertThat(starts)
        .allSatisfy(
            call -> {
              assertThat(call.body().get("WorkGroup").asText())
                  .isEqualTo("tributary-" + domain.name());
              assertThat(call.accessKeyId()).isEqualTo(AthenaServersResource.PLATFORM_KEY);
              assertThat(call.body().at("/QueryExecutionContext/Catalog").asText())
                  .isEqualTo("awsdatacatalog");
            });

    // The refresh queued its checks: they fail on TOY-7, through Athena.
    JsonNode evaluation = awaitQuality(domain, "revenue", refreshed.getLong("outputSnapshot"));
    assertThat(evaluation.get("status").asText()).as(evaluation.toString()).isEqualTo("failing");
    assertThat(evaluation.get("trigger").asText()).isEqualTo("refresh");
    List<String> reasons = new ArrayList<>();
    evaluation
        .get("reasons")
        .forEach(
            reason ->
                reasons.add(reason.get("check").asText() + ": " + reason.get("message").asText()));
    assertThat(reasons).containsExactly("custom_sql:no_big_skus: the query returned 1, expected 0");
    assertThat(
            JSON.readTree(
                    given()
                        .auth()
                        .oauth2(domain.ownerToken())
                        .get("/api/v1/domains/{d}/products/{p}", domain.name(), "revenue")
                        .asString())
                .at("/product/qualityStatus")
                .asText())
        .isEqualTo("failing");
    List<AthenaTestServer.Call> checks =
        AthenaServersResource.athena().calls("StartQueryExecution").stream()
            .filter(call -> call.body().get("QueryString").asText().contains("revenue > 100"))
            .toList();
    assertThat(checks)
        .extracting(call -> call.body().get("QueryString").asText())
        .as("the check read the refreshed snapshot")
        .anyMatch(
            sql ->
                sql.contains(
                    "\"awsdatacatalog\".%s.\"revenue\" FOR VERSION AS OF %d"
                        .formatted(q(domain.name()), refreshed.getLong("outputSnapshot"))));
    assertThat(checks)
        .allSatisfy(
            call -> {
              assertThat(call.body().get("WorkGroup").asText())
                  .isEqualTo("tributary-" + domain.name());
              assertThat(call.accessKeyId()).isEqualTo(AthenaServersResource.PLATFORM_KEY);
            });

    // The owner reads the refreshed rows back through the data endpoint, on Athena too.
    JsonNode page = awaitRead(domain, "revenue");
    List<String> rows = new ArrayList<>();
    page.get("rows").forEach(row -> rows.add(row.get(0).asText() + "=" + row.get(1).asText()));
    assertThat(rows).containsExactly("HOM-1=25.5", "TOY-7=104.25");

    // Every one of those queries is in the domain's usage, with Athena's scanned bytes.
    JsonPath usage =
        awaitUsage(
            domain,
            start,
            report ->
                hasLine(report, domain.owner())
                    && hasLine(report, "tributary-pipelines")
                    && hasLine(report, "tributary-quality"));
    for (String consumer : List.of(domain.owner(), "tributary-pipelines", "tributary-quality")) {
      Map<String, Object> line = line(usage, consumer);
      long queries = ((Number) line.get("queries")).longValue();
      assertThat(queries).as(consumer).isPositive();
      assertThat(((Number) line.get("bytesRead")).longValue())
          .as("%s: each query scanned at least the server's added bytes", consumer)
          .isGreaterThanOrEqualTo(queries * SCANNED);
      assertThat(((Number) line.get("cpuMillis")).longValue())
          .as("Athena reports no CPU time")
          .isZero();
    }
    // The scheduler may have refreshed too (declared, input changed): each refresh is the same
    // four.
    Map<String, Object> refreshes = line(usage, "tributary-pipelines");
    assertThat(((Number) refreshes.get("queries")).longValue())
        .as("the input's snapshot, the merge, the count and the output's snapshot, per refresh")
        .isEqualTo(4 * ((Number) refreshes.get("reads")).longValue());
  }

  // ---------------------------------------------------------------- the platform, as it is used

  private static String q(String identifier) {
    return "\"" + identifier + "\"";
  }

  /** A domain whose owners may act through their group's role in the STS test server. */
  private static TestDomain onboard() {
    TestDomain domain = TestDomain.onboard("athpipe", "Athena pipelines tests");
    // The owner's groups reach Trino's group file when they first call the API.
    given().auth().oauth2(domain.ownerToken()).get("/api/v1/me").then().statusCode(200);
    AthenaServersResource.sts().allow(ROLES.groupRoleArn(domain.name() + "-owners"));
    return domain;
  }

  private static void ingest(TestDomain domain, String product, String records) {
    Response response =
        domain.postRecords(domain.ownerToken(), product, "application/json", records, null);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
  }

  private static JsonPath refresh(TestDomain domain, String product) {
    Response response =
        given()
            .auth()
            .oauth2(domain.ownerToken())
            .post("/api/v1/domains/{d}/products/{p}/refresh", domain.name(), product);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath();
  }

  /** The latest evaluation of this snapshot, once there is one. */
  private static JsonNode awaitQuality(TestDomain domain, String product, long snapshot)
      throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      Response response =
          given()
              .auth()
              .oauth2(domain.ownerToken())
              .get("/api/v1/domains/{d}/products/{p}/quality", domain.name(), product);
      assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
      for (JsonNode evaluation : JSON.readTree(response.asString()).path("history")) {
        if (evaluation.path("snapshotId").asLong() == snapshot) {
          return evaluation;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        fail("No evaluation of %s at %d: %s", product, snapshot, response.asString());
      }
      Thread.sleep(200);
    }
  }

  /** The product's rows as the owner reads them, once Trino's rules let the owner read. */
  private static JsonNode awaitRead(TestDomain domain, String product) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      Response response =
          given()
              .auth()
              .oauth2(domain.ownerToken())
              .accept("application/json")
              .get("/api/v1/domains/{d}/products/{p}/data", domain.name(), product);
      if (response.statusCode() == 200) {
        return JSON.readTree(response.asString());
      }
      if (response.statusCode() != 403 || Instant.now().isAfter(deadline)) {
        fail("%s may not read %s: %s", domain.owner(), product, response.asString());
      }
      Thread.sleep(250);
    }
  }

  private static JsonPath awaitUsage(TestDomain domain, Instant from, Predicate<JsonPath> complete)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      Response response =
          given()
              .auth()
              .oauth2(domain.ownerToken())
              .queryParam("from", from.toString())
              .queryParam("to", Instant.now().plusSeconds(60).toString())
              .queryParam("groupBy", "consumer")
              .get("/api/v1/domains/{domain}/usage", domain.name());
      assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
      JsonPath report = response.jsonPath();
      if (complete.test(report)) {
        return report;
      }
      if (Instant.now().isAfter(deadline)) {
        fail("The usage of %s is still %s", domain.name(), report.prettify());
      }
      Thread.sleep(200);
    }
  }

  private static boolean hasLine(JsonPath report, String key) {
    List<Map<String, Object>> lines = report.getList("lines");
    return lines.stream().anyMatch(line -> key.equals(line.get("key")));
  }

  private static Map<String, Object> line(JsonPath report, String key) {
    List<Map<String, Object>> lines = report.getList("lines");
    for (Map<String, Object> line : lines) {
      if (key.equals(line.get("key"))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> usage = (Map<String, Object>) line.get("usage");
        return usage;
      }
    }
    throw new AssertionError("No line for " + key + " in " + report.prettify());
  }
}
