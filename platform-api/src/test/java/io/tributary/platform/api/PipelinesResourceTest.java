package io.tributary.platform.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tributary.platform.testing.LocalLakehouseResource;
import io.tributary.platform.testing.TestDomain;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST .../refresh} as AWS EventBridge calls it: a client-credentials token whose subject is
 * a configured trigger client ({@code %test.tributary.pipelines.trigger-clients}), no groups, and
 * {@code ?trigger=schedule|input-changed}. The trigger client refreshes any derived product and the
 * run history names the trigger; it may do nothing else, and nobody else may name a trigger. Real
 * JWTs against the real local lakehouse.
 */
@QuarkusTest
@QuarkusTestResource(LocalLakehouseResource.class)
class PipelinesResourceTest {
  /** What EventBridge's connection presents: the client's own subject, no groups. */
  private static final String TRIGGER_CLIENT =
      LocalLakehouseResource.token("tributary-refresh-client");

  private static String ordersYaml(String domain) {
    return """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: %s, name: orders, version: 1.0.0, title: Orders}
        spec:
          zone: curated
          table:
            columns:
              - {name: order_id, type: long, required: true}
              - {name: sku, type: string, required: true}
              - {name: amount, type: "decimal(12,2)", required: true}
            primaryKey: [order_id]
          access: {visibility: discoverable}
          source: {type: external}
        """
        .formatted(domain);
  }

  /** A day's schedule, so the local scheduler never names a run {@code schedule} on its own. */
  private static String revenueYaml(String domain) {
    return """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: %1$s, name: revenue, version: 1.0.0, title: Revenue per SKU}
        spec:
          zone: analytics
          table:
            columns:
              - {name: sku, type: string, required: true}
              - {name: revenue, type: "decimal(14,2)", required: true}
            primaryKey: [sku]
          access: {visibility: discoverable}
          source:
            type: sql
            inputs: [%1$s.orders]
            schedule: P1D
            query: "SELECT sku, CAST(sum(amount) AS decimal(14,2)) AS revenue FROM %1$s.orders GROUP BY sku"
        """
        .formatted(domain);
  }

  /** A domain with orders (two rows) and revenue derived from them. */
  private static TestDomain derivedDomain() throws Exception {
    TestDomain domain = TestDomain.onboard("trig", "Refresh triggers");
    domain.declare("orders", ordersYaml(domain.name()));
    insertOrder(domain, "(1, 'HOM-1', 10.00), (2, 'TOY-7', 4.25)");
    domain.declare("revenue", revenueYaml(domain.name()));
    return domain;
  }

  /** Commits rows to the domain's orders: a new snapshot of the derived product's input. */
  private static void insertOrder(TestDomain domain, String values) throws Exception {
    try (Connection connection =
            LocalLakehouseResource.connect("tributary", LocalLakehouseResource.token("tributary"));
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO %s VALUES %s".formatted(domain.table("orders"), values));
    }
  }

  private static Response refresh(String token, TestDomain domain, String trigger) {
    var request = given().auth().oauth2(token);
    if (trigger != null) {
      request = request.queryParam("trigger", trigger);
    }
    return request.post("/api/v1/domains/%s/products/revenue/refresh".formatted(domain.name()));
  }

  private static List<Map<String, Object>> history(TestDomain domain) {
    return given()
        .auth()
        .oauth2(domain.ownerToken())
        .get("/api/v1/domains/%s/products/revenue/refreshes".formatted(domain.name()))
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("refreshes");
  }

  private static String triggerOf(TestDomain domain, String runId) {
    return history(domain).stream()
        .filter(run -> runId.equals(run.get("id")))
        .map(run -> (String) run.get("trigger"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("run " + runId + " is not in the history"));
  }

  @Test
  void aTriggerClientRefreshesAnyDerivedProductAndTheHistoryNamesItsTrigger() throws Exception {
    TestDomain domain = derivedDomain();

    JsonPath scheduled =
        refresh(TRIGGER_CLIENT, domain, "schedule").then().statusCode(200).extract().jsonPath();
    assertThat(scheduled.getString("status")).as(scheduled.prettify()).isEqualTo("succeeded");
    assertThat(scheduled.getString("trigger")).isEqualTo("schedule");
    assertThat(scheduled.getLong("rowCount")).isEqualTo(2);
    assertThat(triggerOf(domain, scheduled.getString("id"))).isEqualTo("schedule");

    // Nothing committed since: the event (or EventBridge's retry of it) runs nothing. (The local
    // scheduler may have refreshed the product as declared before; it runs nothing more either.)
    int runs = history(domain).size();
    JsonPath unchanged =
        refresh(TRIGGER_CLIENT, domain, "input-changed")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(unchanged.getString("id")).isEqualTo(scheduled.getString("id"));
    assertThat(history(domain)).hasSize(runs);

    // Whichever sees the new snapshot first, the local scheduler or this event, refreshes once.
    insertOrder(domain, "(3, 'TOY-9', 1.50)");
    JsonPath changed =
        refresh(TRIGGER_CLIENT, domain, "input-changed")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(changed.getString("trigger")).isEqualTo("input-changed");
    assertThat(changed.getLong("rowCount")).isEqualTo(3);
    assertThat(triggerOf(domain, changed.getString("id"))).isEqualTo("input-changed");
    JsonPath repeated =
        refresh(TRIGGER_CLIENT, domain, "input-changed")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(repeated.getString("id")).isEqualTo(changed.getString("id"));
    assertThat(history(domain)).hasSize(runs + 1);

    JsonPath unnamed =
        refresh(TRIGGER_CLIENT, domain, null).then().statusCode(200).extract().jsonPath();
    assertThat(unnamed.getString("trigger")).isEqualTo("manual");
  }

  @Test
  void onlyTriggerClientsNameATriggerAndMembersMayNotRefreshAtAll() throws Exception {
    TestDomain domain = derivedDomain();

    Response asMember = refresh(domain.readerToken(), domain, null);
    assertThat(asMember.statusCode()).as(asMember.asString()).isEqualTo(403);
    assertThat(refresh(domain.readerToken(), domain, "schedule").statusCode()).isEqualTo(403);

    Response ownerNamingSchedule = refresh(domain.ownerToken(), domain, "schedule");
    assertThat(ownerNamingSchedule.statusCode()).isEqualTo(403);
    assertThat(ownerNamingSchedule.jsonPath().getString("detail"))
        .contains("tributary.pipelines.trigger-clients")
        .contains("trigger=schedule");
    assertThat(refresh(TestDomain.adminToken(), domain, "input-changed").statusCode())
        .isEqualTo(403);

    // Owners still refresh by hand, as before.
    JsonPath manual =
        refresh(domain.ownerToken(), domain, "manual").then().statusCode(200).extract().jsonPath();
    assertThat(manual.getString("trigger")).isEqualTo("manual");
    assertThat(history(domain)).extracting(run -> run.get("trigger")).doesNotContain("schedule");
  }

  @Test
  void anUnknownTriggerIsABadRequestNamingTheAllowedOnes() throws Exception {
    TestDomain domain = derivedDomain();

    for (String bad : List.of("hourly", "declared", "SCHEDULE")) {
      Response response = refresh(TRIGGER_CLIENT, domain, bad);
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.jsonPath().getString("detail"))
          .isEqualTo("trigger must be one of manual, schedule, input-changed, got '%s'", bad);
    }
    assertThat(history(domain)).extracting(run -> run.get("trigger")).doesNotContain("schedule");
  }

  @Test
  void aTriggerClientCannotReadDataNorChangeDeclarations() throws Exception {
    TestDomain domain = derivedDomain();
    String products = "/api/v1/domains/%s/products/".formatted(domain.name());

    for (String product : List.of("orders", "revenue")) {
      Response data = given().auth().oauth2(TRIGGER_CLIENT).get(products + product + "/data");
      assertThat(data.statusCode()).as("%s: %s", product, data.asString()).isEqualTo(403);
    }
    assertThat(
            TestDomain.put(
                    TRIGGER_CLIENT,
                    products + "orders",
                    ordersYaml(domain.name()).replace("1.0.0", "1.1.0"))
                .statusCode())
        .isEqualTo(403);
    assertThat(given().auth().oauth2(TRIGGER_CLIENT).delete(products + "revenue").statusCode())
        .isEqualTo(403);
    assertThat(
            TestDomain.put(TRIGGER_CLIENT, "/api/v1/domains/" + domain.name(), domain.yaml("Mine"))
                .statusCode())
        .isEqualTo(403);
    TestDomain another = new TestDomain(TestDomain.uniqueName("trig"));
    assertThat(
            TestDomain.put(
                    TRIGGER_CLIENT, "/api/v1/domains/" + another.name(), another.yaml("Mine"))
                .statusCode())
        .isEqualTo(403);

    // Refreshing is all it does, and only of products derived by SQL.
    Response notDerived =
        given()
            .auth()
            .oauth2(TRIGGER_CLIENT)
            .queryParam("trigger", "schedule")
            .post(products + "orders/refresh");
    assertThat(notDerived.statusCode()).isEqualTo(409);
  }
}
