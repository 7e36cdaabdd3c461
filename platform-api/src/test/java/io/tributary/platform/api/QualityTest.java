package io.tributary.platform.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tributary.platform.quality.Trigger;
import io.tributary.platform.service.QualityService;
import io.tributary.platform.testing.LocalLakehouseResource;
import io.tributary.platform.testing.TestDomain;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Quality and freshness on the real local lakehouse: each test onboards its own domain, declares
 * products with checks, posts batches as the owner, and reads the status the checks (run on Trino
 * as the service user) gave the product: on its detail, in discovery, and in its quality history.
 */
@QuarkusTest
@QuarkusTestResource(LocalLakehouseResource.class)
class QualityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Inject QualityService qualityService;

  private static final String ORDER_COLUMNS =
      """
            - {name: id, type: long, required: true}
            - {name: status, type: string}
            - {name: amount, type: double}
      """;

  @Test
  void aFailingCheckMakesTheProductFailingWithItsReasonOnDetailAndInDiscovery() throws Exception {
    TestDomain domain = TestDomain.onboard("quality", "Quality tests");
    declare(
        domain,
        "orders",
        ORDER_COLUMNS,
        """
            - {type: not_null, column: id}
            - {type: unique, column: id}
            - {type: accepted_values, column: status, values: [placed, "it's shipped"]}
            - {type: row_count_min, min: 2}
            - {type: custom_sql, name: no_negative_amounts, sql: "SELECT count(*) FROM {table} WHERE amount < 0", expect: 0}
        """,
        "PT1H");

    JsonNode empty = run(domain.ownerToken(), domain, "orders");
    assertThat(empty.get("status").asText()).isEqualTo("failing");
    assertThat(empty.get("trigger").asText()).isEqualTo("manual");
    assertThat(messages(empty.get("reasons")))
        .containsExactly(
            "row_count_min: the table has 0 rows, fewer than 2",
            "freshness: no data yet: nothing committed");

    String good =
        post(
            domain,
            "orders",
            """
            [{"id": 1, "status": "placed", "amount": 10.5},
             {"id": 2, "status": "it's shipped", "amount": 3}]
            """);
    JsonNode ok = awaitEvaluation(domain, "orders", good);
    assertThat(ok.get("status").asText()).as(ok.toString()).isEqualTo("ok");
    assertThat(ok.get("trigger").asText()).isEqualTo("ingestion");
    assertThat(ok.get("results"))
        .extracting(result -> result.get("check").asText() + "=" + result.get("observed").asText())
        .containsExactly(
            "not_null:id=0",
            "unique:id=0",
            "accepted_values:status=0",
            "row_count_min=2",
            "custom_sql:no_negative_amounts=0",
            "freshness=" + ok.get("results").get(5).get("observed").asText());
    assertThat(detail(domain, "orders").at("/product/qualityStatus").asText()).isEqualTo("ok");

    String bad = post(domain, "orders", "[{\"id\": 3, \"status\": \"lost\", \"amount\": -1}]");
    JsonNode failing = awaitEvaluation(domain, "orders", bad);
    assertThat(failing.get("status").asText()).isEqualTo("failing");
    assertThat(messages(failing.get("reasons")))
        .containsExactly(
            "accepted_values:status: 1 rows have a status outside [placed, it's shipped]",
            "custom_sql:no_negative_amounts: the query returned 1, expected 0");

    JsonNode product = detail(domain, "orders");
    assertThat(product.at("/product/qualityStatus").asText()).isEqualTo("failing");
    assertThat(product.at("/product/status").asText()).isEqualTo("active");
    JsonNode reason = product.get("statusReasons").get(0);
    assertThat(reason.get("check").asText()).isEqualTo("accepted_values:status");
    assertThat(reason.get("severity").asText()).isEqualTo("error");
    assertThat(reason.get("observed").asText()).isEqualTo("1");
    assertThat(reason.get("expected").asText()).isEqualTo("0");
    assertThat(product.at("/quality/snapshotId").asText()).isEqualTo(bad);

    assertThat(discovered(domain.readerToken(), domain, "orders").get("qualityStatus").asText())
        .isEqualTo("failing");
    JsonNode listed =
        JSON.readTree(
            given()
                .auth()
                .oauth2(domain.readerToken())
                .get("/api/v1/domains/{d}/products", domain.name())
                .asString());
    assertThat(listed.get(0).get("qualityStatus").asText()).isEqualTo("failing");

    // Every evaluation is kept, newest first, and pages.
    JsonNode history = quality(domain, "orders", 2);
    assertThat(history.at("/latest/status").asText()).isEqualTo("failing");
    assertThat(history.get("history"))
        .extracting(evaluation -> evaluation.get("status").asText())
        .containsExactly("failing", "ok");
    JsonNode older =
        JSON.readTree(
            given()
                .auth()
                .oauth2(domain.readerToken())
                .queryParam("pageSize", 2)
                .queryParam("pageToken", history.get("nextPageToken").asText())
                .get("/api/v1/domains/{d}/products/{p}/quality", domain.name(), "orders")
                .asString());
    assertThat(older.get("history"))
        .extracting(evaluation -> evaluation.get("trigger").asText())
        .containsExactly("manual");
  }

  @Test
  void aFailingWarnCheckWarnsAndOnlyOwnersRunChecks() throws Exception {
    TestDomain domain = TestDomain.onboard("quality", "Quality tests");
    declare(
        domain,
        "events",
        ORDER_COLUMNS,
        """
            - {type: not_null, column: id}
            - {type: accepted_values, column: status, values: [placed], severity: warn}
        """,
        "PT1H");

    String snapshot = post(domain, "events", "[{\"id\": 1, \"status\": \"odd\"}]");
    JsonNode warned = awaitEvaluation(domain, "events", snapshot);

    assertThat(warned.get("status").asText()).isEqualTo("warn");
    assertThat(warned.get("reasons"))
        .extracting(reason -> reason.get("check").asText() + "/" + reason.get("severity").asText())
        .containsExactly("accepted_values:status/warn");
    assertThat(detail(domain, "events").at("/product/qualityStatus").asText()).isEqualTo("warn");

    Response refused =
        given()
            .auth()
            .oauth2(domain.readerToken())
            .post("/api/v1/domains/{d}/products/{p}/quality/run", domain.name(), "events");
    assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(403);
    assertThat(refused.asString()).contains("may run the quality checks");
  }

  @Test
  void staleDataWarnsNamingItsAgeAndTheSla() throws Exception {
    TestDomain domain = TestDomain.onboard("quality", "Quality tests");
    declare(domain, "ticks", ORDER_COLUMNS, "    - {type: not_null, column: id}\n", "PT1S");

    String snapshot = post(domain, "ticks", "[{\"id\": 1, \"status\": \"placed\"}]");
    awaitEvaluation(domain, "ticks", snapshot);
    Thread.sleep(1500);

    // Freshness ages without a new evaluation: detail and discovery measure it now.
    JsonNode product = detail(domain, "ticks");
    assertThat(product.at("/product/qualityStatus").asText()).isEqualTo("warn");
    JsonNode reason = product.get("statusReasons").get(0);
    assertThat(reason.get("check").asText()).isEqualTo("freshness");
    assertThat(reason.get("expected").asText()).isEqualTo("at most PT1S");
    assertThat(reason.get("message").asText()).startsWith("stale: ").contains("SLA of PT1S");
    assertThat(discovered(domain.ownerToken(), domain, "ticks").get("qualityStatus").asText())
        .isEqualTo("warn");

    JsonNode stored = run(domain.ownerToken(), domain, "ticks");
    assertThat(stored.get("status").asText()).isEqualTo("warn");
    assertThat(stored.get("snapshotId").asText()).isEqualTo(snapshot);
  }

  @Test
  void theScheduledSweepEvaluatesEachActiveProduct() throws Exception {
    TestDomain domain = TestDomain.onboard("quality", "Quality tests");
    declare(domain, "first", ORDER_COLUMNS, "    - {type: not_null, column: id}\n", "PT1H");
    declare(domain, "second", ORDER_COLUMNS, "    - {type: row_count_min, min: 1}\n", "PT1H");
    post(domain, "first", "[{\"id\": 1}]");

    qualityService.evaluateDomain(domain.name(), Trigger.SCHEDULE).get(60, TimeUnit.SECONDS);

    for (String product : List.of("first", "second")) {
      assertThat(quality(domain, product, 20).get("history"))
          .as(product)
          .anySatisfy(
              evaluation -> assertThat(evaluation.get("trigger").asText()).isEqualTo("schedule"));
    }
    assertThat(quality(domain, "second", 20).at("/latest/status").asText()).isEqualTo("failing");
  }

  private static List<String> messages(JsonNode reasons) {
    List<String> messages = new ArrayList<>();
    reasons.forEach(
        reason ->
            messages.add(reason.get("check").asText() + ": " + reason.get("message").asText()));
    return messages;
  }

  private static JsonNode run(String token, TestDomain domain, String product) throws Exception {
    Response response =
        given()
            .auth()
            .oauth2(token)
            .post("/api/v1/domains/{d}/products/{p}/quality/run", domain.name(), product);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return JSON.readTree(response.asString());
  }

  private static JsonNode quality(TestDomain domain, String product, int pageSize)
      throws Exception {
    Response response =
        given()
            .auth()
            .oauth2(domain.readerToken())
            .queryParam("pageSize", pageSize)
            .get("/api/v1/domains/{d}/products/{p}/quality", domain.name(), product);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return JSON.readTree(response.asString());
  }

  /** Waits for the evaluation an ingestion of this snapshot queued, and returns it. */
  private static JsonNode awaitEvaluation(TestDomain domain, String product, String snapshotId)
      throws Exception {
    Predicate<JsonNode> ofTheBatch =
        evaluation ->
            evaluation.get("trigger").asText().equals("ingestion")
                && evaluation.get("snapshotId").asText().equals(snapshotId);
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      for (JsonNode evaluation : quality(domain, product, 20).get("history")) {
        if (ofTheBatch.test(evaluation)) {
          return evaluation;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        fail("no evaluation of %s.%s at snapshot %s", domain.name(), product, snapshotId);
      }
      Thread.sleep(200);
    }
  }

  private static JsonNode detail(TestDomain domain, String product) throws Exception {
    Response response =
        given()
            .auth()
            .oauth2(domain.readerToken())
            .get("/api/v1/domains/{d}/products/{p}", domain.name(), product);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return JSON.readTree(response.asString());
  }

  private static JsonNode discovered(String token, TestDomain domain, String product)
      throws Exception {
    Response response =
        given()
            .auth()
            .oauth2(token)
            .queryParam("domain", domain.name())
            .queryParam("pageSize", 100)
            .get("/api/v1/products");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    for (JsonNode summary : JSON.readTree(response.asString()).get("products")) {
      if (summary.get("name").asText().equals(product)) {
        return summary;
      }
    }
    return fail("discovery does not show %s.%s: %s", domain.name(), product, response.asString());
  }

  /** Posts a batch as the owner; answers the snapshot that holds it. */
  private static String post(TestDomain domain, String product, String body) throws Exception {
    Response response =
        domain.postRecords(domain.ownerToken(), product, "application/json", body, null);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
    return JSON.readTree(response.asString()).get("snapshotId").asText();
  }

  private static void declare(
      TestDomain domain, String product, String columns, String checks, String freshness) {
    domain.declare(
        product,
        """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: %s, name: %s, version: 1.0.0}
        spec:
          zone: raw
          table:
            columns:
        %s
            primaryKey: [id]
          access: {visibility: discoverable}
          sla: {freshness: %s}
          quality:
        %s
          source: {type: ingest}
        """
            .formatted(domain.name(), product, columns, freshness, checks));
  }
}
