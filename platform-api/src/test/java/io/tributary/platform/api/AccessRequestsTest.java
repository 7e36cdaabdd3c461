package io.tributary.platform.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tributary.platform.testing.LocalLakehouseResource;
import io.tributary.platform.testing.RecordingWebhookResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Access requests end to end on a real local lakehouse: a consumer outside the domain asks, an
 * owner decides, Trino enforces the decision within seconds, and every decision reaches the webhook
 * as a CloudEvent.
 */
@QuarkusTest
@QuarkusTestResource(LocalLakehouseResource.class)
@QuarkusTestResource(RecordingWebhookResource.class)
class AccessRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = LocalLakehouseResource.token("root", "platform-admins");
  private static final Duration ENFORCEMENT_WAIT = Duration.ofSeconds(15);

  @ConfigProperty(name = "tributary.events.webhook-url")
  URI webhook;

  private static String productYaml(String domain) {
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
          source: {type: external}
        """
        .formatted(domain);
  }

  /** A domain with one discoverable product and three rows; returns the domain. */
  private static String domainWithCustomers(boolean rows) throws Exception {
    String domain = DomainsAndProductsTest.unique("requests");
    DomainsAndProductsTest.put(
            ADMIN, "/api/v1/domains/" + domain, DomainsAndProductsTest.domainYaml(domain, "Req"))
        .then()
        .statusCode(201);
    DomainsAndProductsTest.put(
            owner(domain),
            "/api/v1/domains/%s/products/customers".formatted(domain),
            productYaml(domain))
        .then()
        .statusCode(201);
    if (rows) {
      Properties properties = new Properties();
      properties.setProperty("user", "tributary");
      properties.setProperty("accessToken", LocalLakehouseResource.token("tributary"));
      try (Connection connection =
              DriverManager.getConnection(
                  LocalLakehouseResource.settings().trinoJdbcUrl(), properties);
          Statement statement = connection.createStatement()) {
        statement.execute(
            ("INSERT INTO lakehouse.%s.customers VALUES (1, 'EU', 'ada@example.com'),"
                    + " (2, 'US', 'alan@example.com'), (3, 'EU', NULL)")
                .formatted(domain));
      }
    }
    return domain;
  }

  private static String owner(String domain) {
    return LocalLakehouseResource.token("sam", domain + "-owners");
  }

  private static String requestsPath(String domain) {
    return "/api/v1/domains/%s/products/customers/access-requests".formatted(domain);
  }

  private static String dataPath(String domain) {
    return "/api/v1/domains/%s/products/customers/data".formatted(domain);
  }

  private static Response ask(String token, String domain, String body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(body)
        .post(requestsPath(domain));
  }

  private static Response decide(String token, String id, String decision, String body) {
    var request = given().auth().oauth2(token);
    if (body != null) {
      request = request.contentType("application/json").body(body);
    }
    return request.post("/api/v1/access-requests/%s/%s".formatted(id, decision));
  }

  /** Polls the data endpoint until it answers {@code status}; returns the last answer. */
  private static Response awaitData(String token, String domain, int status) throws Exception {
    Instant deadline = Instant.now().plus(ENFORCEMENT_WAIT);
    while (true) {
      Response response =
          given().auth().oauth2(token).accept("application/json").get(dataPath(domain));
      if (response.statusCode() == status || Instant.now().isAfter(deadline)) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        return response;
      }
      Thread.sleep(250);
    }
  }

  @Test
  void approvedRequestOpensTheDataAndRevokingClosesItAgain() throws Exception {
    String domain = domainWithCustomers(true);
    String user = DomainsAndProductsTest.unique("cora");
    String consumer = LocalLakehouseResource.token(user, "elsewhere");

    awaitData(consumer, domain, 403);

    Response asked =
        ask(
            consumer,
            domain,
            "{\"columns\": [\"id\", \"region\"], \"purpose\": \"churn model\","
                + " \"duration\": \"P30D\"}");
    asked.then().statusCode(201).body("status", equalTo("pending"));
    String id = asked.jsonPath().getString("id");
    assertThat(id).startsWith(domain + ".");
    assertThat(asked.jsonPath().getList("columns", String.class)).containsExactly("id", "region");
    assertThat(asked.jsonPath().getString("duration")).isEqualTo("P30D");
    assertThat(asked.jsonPath().getString("requester")).isEqualTo(user);

    given()
        .auth()
        .oauth2(owner(domain))
        .queryParam("role", "decider")
        .queryParam("status", "pending")
        .get("/api/v1/access-requests")
        .then()
        .statusCode(200)
        .body("id", hasItem(id));
    given()
        .auth()
        .oauth2(consumer)
        .queryParam("role", "requester")
        .get("/api/v1/access-requests")
        .then()
        .statusCode(200)
        .body("id", equalTo(List.of(id)));
    // The consumer decides nothing.
    given()
        .auth()
        .oauth2(consumer)
        .queryParam("role", "decider")
        .get("/api/v1/access-requests")
        .then()
        .statusCode(200)
        .body("id", not(hasItem(id)));

    Instant approvedAround = Instant.now();
    Response approved = decide(owner(domain), id, "approve", null);
    approved
        .then()
        .statusCode(200)
        .body("status", equalTo("approved"))
        .body("decidedBy", equalTo("sam"));
    assertThat(Instant.parse(approved.jsonPath().getString("expiresAt")))
        .isBetween(
            approvedAround.plus(Duration.ofDays(30)).minusSeconds(5),
            approvedAround.plus(Duration.ofDays(30)).plusSeconds(60));

    JsonNode rows = JSON.readTree(awaitData(consumer, domain, 200).asString());
    List<String> columns = new ArrayList<>();
    rows.get("columns").forEach(column -> columns.add(column.get("name").asText()));
    assertThat(columns).containsExactly("id", "region");
    assertThat(rows.get("rows")).hasSize(3);
    given()
        .auth()
        .oauth2(consumer)
        .get("/api/v1/me")
        .then()
        .body("grants.source", hasItem("access-request:" + id));
    given()
        .auth()
        .oauth2(consumer)
        .get("/api/v1/domains/%s/products/customers".formatted(domain))
        .then()
        .body("access.read", equalTo(true))
        .body("access.visibleColumns", equalTo(List.of("id", "region")));
    given()
        .auth()
        .oauth2(owner(domain))
        .get("/api/v1/domains/%s/products/customers".formatted(domain))
        .then()
        .body("access.grants.source", hasItem("access-request:" + id))
        .body("access.grants.principal", hasItem("user:" + user));

    decide(owner(domain), id, "revoke", "{\"reason\": \"project over\"}")
        .then()
        .statusCode(200)
        .body("status", equalTo("revoked"))
        .body("reason", equalTo("project over"));
    awaitData(consumer, domain, 403);
    given()
        .auth()
        .oauth2(consumer)
        .queryParam("status", "revoked")
        .get("/api/v1/access-requests")
        .then()
        .body("id", equalTo(List.of(id)));

    assertThat(awaitEvents(id, 3))
        .extracting(event -> event.path("event").path("type").asText())
        .containsExactly(
            "io.tributary.access-request.requested",
            "io.tributary.access-request.approved",
            "io.tributary.access-request.revoked");
    for (JsonNode delivery : events(id)) {
      assertThat(delivery.path("contentType").asText()).isEqualTo("application/cloudevents+json");
      JsonNode event = delivery.path("event");
      assertThat(event.path("specversion").asText()).isEqualTo("1.0");
      assertThat(event.path("source").asText()).isEqualTo("/tributary/access-requests");
      assertThat(event.path("subject").asText()).isEqualTo(domain + ".customers");
      assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
      assertThat(event.path("data").path("requester").asText()).isEqualTo(user);
    }
  }

  @Test
  void aShortGrantExpiresOnItsOwn() throws Exception {
    String domain = domainWithCustomers(true);
    String consumer = LocalLakehouseResource.token(DomainsAndProductsTest.unique("cora"), "x");
    String id =
        ask(
                consumer,
                domain,
                "{\"columns\": \"all\", \"purpose\": \"a look\", \"duration\": \"PT20S\"}")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    decide(owner(domain), id, "approve", "{}").then().statusCode(200);
    awaitData(consumer, domain, 200);

    Instant deadline = Instant.now().plusSeconds(20 + 15);
    int status = 200;
    while (status == 200 && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      status = given().auth().oauth2(consumer).get(dataPath(domain)).statusCode();
    }
    assertThat(status).as("denied once the grant expired").isEqualTo(403);
    given()
        .auth()
        .oauth2(owner(domain))
        .queryParam("status", "expired")
        .get("/api/v1/access-requests")
        .then()
        .body("id", hasItem(id));
  }

  @Test
  void onlyOwnersDecideAndEachDecisionIsFinal() throws Exception {
    String domain = domainWithCustomers(false);
    String consumer = LocalLakehouseResource.token(DomainsAndProductsTest.unique("cora"), "x");
    String member = LocalLakehouseResource.token("ana", domain + "-analysts");
    String first =
        ask(
                consumer,
                domain,
                "{\"columns\": \"all\", \"purpose\": \"audit\", \"duration\": \"P1D\"}")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String second =
        ask(
                consumer,
                domain,
                "{\"columns\": [\"id\"], \"purpose\": \"audit\", \"duration\": \"P1D\"}")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    decide(member, first, "approve", null).then().statusCode(403).contentType(Problem.MEDIA_TYPE);
    decide(consumer, first, "approve", null).then().statusCode(403);
    given()
        .auth()
        .oauth2(owner(domain))
        .get("/api/v1/domains/" + domain + "/audit")
        .then()
        .statusCode(200)
        .body(
            "events.findAll { it.action == 'access-request.approve' }.outcome",
            equalTo(List.of("DENIED", "DENIED")));

    decide(owner(domain), first, "approve", null).then().statusCode(200);
    decide(owner(domain), first, "approve", null)
        .then()
        .statusCode(409)
        .contentType(Problem.MEDIA_TYPE);
    decide(owner(domain), first, "reject", null).then().statusCode(409);

    decide(owner(domain), second, "reject", "{\"reason\": \"ask for fewer columns\"}")
        .then()
        .statusCode(200)
        .body("status", equalTo("rejected"))
        .body("reason", equalTo("ask for fewer columns"));
    decide(owner(domain), second, "revoke", null).then().statusCode(409);
    given()
        .auth()
        .oauth2(owner(domain))
        .header("If-Match", "\"1\"")
        .post("/api/v1/access-requests/%s/revoke".formatted(first))
        .then()
        .statusCode(412);

    JsonPath audit =
        given().auth().oauth2(owner(domain)).get("/api/v1/domains/" + domain + "/audit").jsonPath();
    assertThat(audit.getList("events.action", String.class))
        .contains("access-request.create", "access-request.approve", "access-request.reject");

    List<Map<String, Object>> pending =
        given()
            .auth()
            .oauth2(consumer)
            .queryParam("status", "pending")
            .get("/api/v1/access-requests")
            .jsonPath()
            .getList("$");
    assertThat(pending).isEmpty();
    assertThat(
            given()
                .auth()
                .oauth2(owner(domain))
                .queryParam("role", "decider")
                .queryParam("status", "approved")
                .get("/api/v1/access-requests")
                .jsonPath()
                .getList("id", String.class))
        .containsExactly(first);
    assertThat(
            given()
                .auth()
                .oauth2(consumer)
                .queryParam("status", "rejected")
                .get("/api/v1/access-requests")
                .jsonPath()
                .getList("id", String.class))
        .containsExactly(second);
    given()
        .auth()
        .oauth2(consumer)
        .queryParam("status", "sideways")
        .get("/api/v1/access-requests")
        .then()
        .statusCode(400);
    given().auth().oauth2(member).get("/api/v1/access-requests/" + first).then().statusCode(403);
    given().auth().oauth2(consumer).get("/api/v1/access-requests/" + first).then().statusCode(200);

    assertThat(awaitEvents(second, 2))
        .extracting(event -> event.path("event").path("data").path("status").asText())
        .containsExactly("pending", "rejected");
  }

  @Test
  void badRequestsNameEveryProblemAndLongDurationsAreCapped() throws Exception {
    String domain = domainWithCustomers(false);
    String consumer = LocalLakehouseResource.token(DomainsAndProductsTest.unique("cora"), "x");

    ask(consumer, domain, "{\"columns\": [\"id\", \"salary\"], \"duration\": \"soon\"}")
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE)
        .body("errors.pointer", equalTo(List.of("/columns/1", "/purpose", "/duration")));
    ask(consumer, domain, "{\"columns\": \"all\", \"purpose\": \"x\", \"duration\": \"P365D\"}")
        .then()
        .statusCode(201)
        .body("duration", equalTo("P90D"));
    given()
        .auth()
        .oauth2(consumer)
        .contentType("application/json")
        .body("{\"columns\": \"all\", \"purpose\": \"x\", \"duration\": \"P1D\"}")
        .post("/api/v1/domains/%s/products/nothing/access-requests".formatted(domain))
        .then()
        .statusCode(404);
    decide(owner(domain), domain + ".01ARZ3NDEKTSV4RRFFQ69G5FAV", "approve", null)
        .then()
        .statusCode(404);
    decide(owner(domain), "not-an-id", "approve", null).then().statusCode(404);
  }

  /** The webhook's deliveries about one request, in order received. */
  private List<JsonNode> events(String id) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(webhook).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode delivery : JSON.readTree(response.body())) {
      if (delivery.path("event").path("data").path("id").asText().equals(id)) {
        found.add(delivery);
      }
    }
    return found;
  }

  /** Waits until the webhook received {@code count} events about the request. */
  private List<JsonNode> awaitEvents(String id, int count) throws Exception {
    Instant deadline = Instant.now().plusSeconds(10);
    List<JsonNode> found = events(id);
    while (found.size() < count && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      found = events(id);
    }
    assertThat(found).hasSize(count);
    return found;
  }
}
