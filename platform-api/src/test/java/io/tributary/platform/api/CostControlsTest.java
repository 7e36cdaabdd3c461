package io.tributary.platform.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.platform.testing.LocalLakehouseResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Cost controls on the real local lakehouse: each domain's declared Trino limits become its
 * resource group, which Trino applies without a restart; the data endpoint's queries land in the
 * group of the product's domain, and what they cost the engine is recorded and reported.
 */
@QuarkusTest
@QuarkusTestResource(LocalLakehouseResource.class)
class CostControlsTest {
  /** Trino rereads its resource groups, rules and groups every second; this bounds the waits. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** Long enough to still run while the test queries beside it; cancelled at the end. */
  private static final String LONG_QUERY =
      "SELECT count(*) FROM UNNEST(sequence(1, 10000)) a(x)"
          + " CROSS JOIN UNNEST(sequence(1, 10000)) b(y)"
          + " CROSS JOIN UNNEST(sequence(1, 10000)) c(z) WHERE (x * y + z) % 7919 = 13";

  @Test
  void aQueryBeyondItsDomainsLimitsIsRefusedWhileAnotherDomainsUserStillRuns() throws Exception {
    String limited = onboard("limits", "{maxConcurrentQueries: 1, maxQueuedQueries: 0}");
    String roomy = onboard("roomy", null);
    String first = limited + ".first";
    String second = limited + ".second";
    String outsider = roomy + ".analyst";
    introduce(first, limited + "-analysts");
    introduce(second, limited + "-analysts");
    introduce(outsider, roomy + "-analysts");
    awaitGroup(first, limited + "-analysts", "global.domains." + limited);
    awaitGroup(outsider, roomy + "-analysts", "global.domains." + roomy);

    LongQuery longQuery = LongQuery.start(first, limited + "-analysts");
    try {
      assertThatThrownBy(() -> selectOne(second, limited + "-analysts"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining(
              "Too many queued queries for \"global.domains.%s\"".formatted(limited));
      assertThat(selectOne(outsider, roomy + "-analysts")).isEqualTo(1);
      assertThat(longQuery.running()).as("the long query still runs").isTrue();
    } finally {
      longQuery.cancel();
    }
  }

  /** A query that runs until cancelled, as a user of a domain whose group runs one at a time. */
  private record LongQuery(
      Connection connection,
      Statement statement,
      CompletableFuture<Void> execution,
      AtomicReference<Throwable> failure) {

    /**
     * Starts it, and waits until Trino runs it. The group's previous query (the probe that showed
     * the user's group) may still be finishing, and with no queue the long one is then refused:
     * that is the limit working, so it is tried again.
     */
    static LongQuery start(String user, String group) throws Exception {
      Instant deadline = Instant.now().plus(PATIENCE);
      while (true) {
        Connection connection = connect(user, group);
        Statement statement = connection.createStatement();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CompletableFuture<Void> execution =
            CompletableFuture.runAsync(
                () -> {
                  // trino-jdbc answers as soon as the columns are known; the row is what waits.
                  try (ResultSet rows = statement.executeQuery(LONG_QUERY)) {
                    rows.next();
                  } catch (SQLException | RuntimeException e) {
                    failure.set(e);
                  }
                });
        LongQuery query = new LongQuery(connection, statement, execution, failure);
        while (!execution.isDone() && !isRunning(user)) {
          Thread.sleep(100);
        }
        if (!execution.isDone()) {
          return query;
        }
        query.cancel();
        if (Instant.now().isAfter(deadline)) {
          fail("%s's long query never ran: %s", user, failure.get());
        }
        Thread.sleep(500);
      }
    }

    boolean running() {
      return !execution.isDone();
    }

    void cancel() throws Exception {
      try {
        statement.cancel();
        execution.get();
      } finally {
        statement.close();
        connection.close();
      }
    }
  }

  @Test
  void aDomainsNewLimitsApplyWithoutRestartingTrino() throws Exception {
    String domain = onboard("change", "{maxConcurrentQueries: 1, maxQueuedQueries: 0}");
    assertThat(limitsOf(domain)).isEqualTo(List.of(1L, 0L, "20%"));

    Response changed =
        given()
            .auth()
            .oauth2(admin())
            .contentType("application/yaml")
            .body(domainYaml(domain, "{maxConcurrentQueries: 3, softMemoryLimit: 512MB}"))
            .put("/api/v1/domains/" + domain);
    assertThat(changed.statusCode()).as(changed.asString()).isEqualTo(200);

    assertThat(limitsOf(domain)).isEqualTo(List.of(3L, 100L, "512MB"));
  }

  @Test
  void usageOfDataEndpointReadsIsReportedPerProductAndConsumer() throws Exception {
    Instant start = Instant.now().minusSeconds(1);
    String domain = onboard("usage", null);
    String owner = LocalLakehouseResource.token(domain + ".owner", domain + "-owners");
    String reader = LocalLakehouseResource.token(domain + ".reader", domain + "-analysts");
    declare(domain, "orders", owner);
    declare(domain, "refunds", owner);
    execute("INSERT INTO lakehouse.%s.orders VALUES (1, 10.5), (2, 20.0), (3, 7.25)", domain);
    execute("INSERT INTO lakehouse.%s.refunds VALUES (1, 3.0)", domain);

    awaitRead(reader, domain, "orders");
    awaitRead(reader, domain, "orders");
    awaitRead(owner, domain, "refunds");
    Instant end = Instant.now().plusSeconds(1);

    JsonPath byProduct =
        awaitUsage(
            owner, domain, start, end, "product", report -> report.getLong("total.reads") >= 3);
    assertThat(byProduct.getString("domain")).isEqualTo(domain);
    assertThat(byProduct.getString("groupBy")).isEqualTo("product");
    assertThat(byProduct.getList("lines.key", String.class)).containsOnly("orders", "refunds");
    Map<String, Object> orders = line(byProduct, "orders");
    assertThat(((Number) orders.get("reads")).longValue()).isGreaterThanOrEqualTo(2);
    assertThat(((Number) orders.get("bytesRead")).longValue()).isPositive();
    assertThat(((Number) orders.get("processedBytes")).longValue()).isPositive();
    assertThat(((Number) orders.get("rows")).longValue()).isGreaterThanOrEqualTo(3);
    assertThat(((Number) orders.get("wallMillis")).longValue()).isPositive();

    JsonPath byConsumer = awaitUsage(owner, domain, start, end, "consumer", report -> true);
    assertThat(byConsumer.getList("lines.key", String.class))
        .containsOnly(domain + ".reader", domain + ".owner");
    assertThat(byConsumer.getLong("total.reads")).isEqualTo(byProduct.getLong("total.reads"));

    // Nothing before the domain existed.
    JsonPath before = usage(owner, domain, start.minusSeconds(3600), start, "product");
    assertThat(before.getList("lines")).isEmpty();
    assertThat(before.getLong("total.reads")).isZero();
  }

  @Test
  void theDataEndpointsQueriesRunInTheGroupOfTheProductsDomain() throws Exception {
    Instant start = Instant.now().minusSeconds(1);
    String domain = onboard("routed", null);
    String owner = LocalLakehouseResource.token(domain + ".owner", domain + "-owners");
    declare(domain, "orders", owner);
    execute("INSERT INTO lakehouse.%s.orders VALUES (1, 10.5)", domain);
    awaitRead(owner, domain, "orders");

    JsonPath report =
        awaitUsage(
            owner,
            domain,
            start,
            Instant.now().plusSeconds(1),
            "product",
            r -> r.getLong("total.reads") >= 1);
    assertThat(report.getLong("total.queries")).isGreaterThanOrEqualTo(2);
    try (Connection service = serviceConnection();
        PreparedStatement statement =
            service.prepareStatement(
                "SELECT array_join(resource_group_id, '.') FROM system.runtime.queries"
                    + " WHERE \"user\" = ? AND source = 'tributary-platform'")) {
      statement.setString(1, domain + ".owner");
      try (ResultSet groups = statement.executeQuery()) {
        List<String> seen = new java.util.ArrayList<>();
        while (groups.next()) {
          seen.add(groups.getString(1));
        }
        assertThat(seen).isNotEmpty().containsOnly("global.domains." + domain);
      }
    }
  }

  @Test
  void usageIsForTheDomainsOwnersAndAdminsOnly() {
    String domain = onboard("private", null);
    String member = LocalLakehouseResource.token(domain + ".reader", domain + "-analysts");
    String stranger = LocalLakehouseResource.token("stranger", "elsewhere");

    for (String token : List.of(member, stranger)) {
      given()
          .auth()
          .oauth2(token)
          .get("/api/v1/domains/{domain}/usage", domain)
          .then()
          .statusCode(403);
    }
    given()
        .auth()
        .oauth2(admin())
        .get("/api/v1/domains/{domain}/usage", domain)
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(admin())
        .queryParam("groupBy", "table")
        .queryParam("from", "yesterday")
        .get("/api/v1/domains/{domain}/usage", domain)
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  // Helpers

  private static String admin() {
    return LocalLakehouseResource.token("root", "platform-admins");
  }

  /** Onboards a domain of this test's own, with these Trino limits (YAML flow) or the defaults. */
  private static String onboard(String prefix, String trinoLimits) {
    String domain = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Response onboarded =
        given()
            .auth()
            .oauth2(admin())
            .contentType("application/yaml")
            .body(domainYaml(domain, trinoLimits))
            .put("/api/v1/domains/" + domain);
    assertThat(onboarded.statusCode()).as(onboarded.asString()).isEqualTo(201);
    assertThat(onboarded.jsonPath().getString("run.status")).isEqualTo("succeeded");
    return domain;
  }

  private static String domainYaml(String domain, String trinoLimits) {
    return """
        apiVersion: tributary.io/v1
        kind: Domain
        metadata: {name: %1$s}
        spec:
          owners: [%1$s-owners]
          members: [%1$s-analysts]
          costs:
            monthlyBudgetUsd: 100
            maxBytesScannedPerQuery: 1073741824
        %2$s
        """
        .formatted(domain, trinoLimits == null ? "" : "    trino: " + trinoLimits);
  }

  private static void declare(String domain, String product, String ownerToken) {
    Response declared =
        given()
            .auth()
            .oauth2(ownerToken)
            .contentType("application/yaml")
            .body(
                """
                apiVersion: tributary.io/v1
                kind: DataProduct
                metadata: {domain: %s, name: %s, version: 1.0.0}
                spec:
                  zone: curated
                  table:
                    columns:
                      - {name: id, type: long, required: true}
                      - {name: amount, type: double}
                    primaryKey: [id]
                  access: {visibility: private}
                  source: {type: ingest}
                """
                    .formatted(domain, product))
            .put("/api/v1/domains/{domain}/products/{product}", domain, product);
    assertThat(declared.statusCode()).as(declared.asString()).isEqualTo(201);
    assertThat(declared.jsonPath().getString("run.status")).isEqualTo("succeeded");
  }

  /** Lets the platform see the user's groups, which it writes into Trino's group file. */
  private static void introduce(String user, String group) {
    given()
        .auth()
        .oauth2(LocalLakehouseResource.token(user, group))
        .get("/api/v1/me")
        .then()
        .statusCode(200);
  }

  /** Reads the product through the data endpoint until the rules let the token's user. */
  private static void awaitRead(String token, String domain, String product) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      Response response =
          given()
              .auth()
              .oauth2(token)
              .accept("application/json")
              .get("/api/v1/domains/{domain}/products/{product}/data", domain, product);
      if (response.statusCode() == 200) {
        return;
      }
      assertThat(response.statusCode()).as(response.asString()).isEqualTo(403);
      if (Instant.now().isAfter(deadline)) {
        fail("Still may not read %s.%s: %s", domain, product, response.asString());
      }
      Thread.sleep(200);
    }
  }

  private static JsonPath usage(
      String token, String domain, Instant from, Instant to, String groupBy) {
    Response response =
        given()
            .auth()
            .oauth2(token)
            .queryParam("from", from.toString())
            .queryParam("to", to.toString())
            .queryParam("groupBy", groupBy)
            .get("/api/v1/domains/{domain}/usage", domain);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath();
  }

  /** The report once it satisfies the condition: usage is recorded after a response's last byte. */
  private static JsonPath awaitUsage(
      String token,
      String domain,
      Instant from,
      Instant to,
      String groupBy,
      java.util.function.Predicate<JsonPath> complete)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      JsonPath report = usage(token, domain, from, to, groupBy);
      if (complete.test(report)) {
        return report;
      }
      if (Instant.now().isAfter(deadline)) {
        fail("The usage of %s is still %s", domain, report.prettify());
      }
      Thread.sleep(200);
    }
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

  /** The domain's group's concurrency, queue and memory limits, as Trino's tables hold them. */
  private static List<Object> limitsOf(String domain) throws Exception {
    LakehouseSettings settings = LocalLakehouseResource.settings();
    io.tributary.lakehouse.Secrets secrets = io.tributary.lakehouse.Secrets.load(settings.layout());
    try (Connection connection =
            java.sql.DriverManager.getConnection(
                settings.resourceGroupsJdbcUrl(),
                secrets.catalogUser(),
                secrets.catalogPassword());
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT hard_concurrency_limit, max_queued, soft_memory_limit FROM resource_groups"
                    + " WHERE name = ? AND environment = ?")) {
      statement.setString(1, domain);
      statement.setString(2, LakehouseSettings.TRINO_ENVIRONMENT);
      try (ResultSet row = statement.executeQuery()) {
        assertThat(row.next()).as("a resource group for " + domain).isTrue();
        return List.of(row.getLong(1), row.getLong(2), row.getString(3));
      }
    }
  }

  /**
   * Waits until the user's queries land in the group: Trino has reread both the group file (which
   * gives the user the domain's group) and the resource groups.
   */
  private static void awaitGroup(String user, String group, String resourceGroup) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      String probe = "SELECT '" + UUID.randomUUID() + "'";
      try (Connection connection = connect(user, group);
          Statement statement = connection.createStatement();
          ResultSet ignored = statement.executeQuery(probe)) {
        // Only where it ran matters.
      }
      try (Connection service = serviceConnection();
          PreparedStatement statement =
              service.prepareStatement(
                  "SELECT array_join(resource_group_id, '.') FROM system.runtime.queries"
                      + " WHERE query = ?")) {
        statement.setString(1, probe);
        try (ResultSet row = statement.executeQuery()) {
          if (row.next() && resourceGroup.equals(row.getString(1))) {
            return;
          }
        }
      }
      if (Instant.now().isAfter(deadline)) {
        fail("%s's queries still do not run in %s", user, resourceGroup);
      }
      Thread.sleep(300);
    }
  }

  /** Whether the user has a query running (not queued) in Trino. */
  private static boolean isRunning(String user) throws SQLException {
    try (Connection service = serviceConnection();
        PreparedStatement statement =
            service.prepareStatement(
                "SELECT count(*) FROM system.runtime.queries WHERE \"user\" = ?"
                    + " AND state = 'RUNNING'")) {
      statement.setString(1, user);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1) > 0;
      }
    }
  }

  private static int selectOne(String user, String group) throws SQLException {
    try (Connection connection = connect(user, group);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT 1")) {
      result.next();
      return result.getInt(1);
    }
  }

  private static Connection connect(String user, String group) throws SQLException {
    return LocalLakehouseResource.connect(user, LocalLakehouseResource.token(user, group));
  }

  private static Connection serviceConnection() throws SQLException {
    return LocalLakehouseResource.connect(
        LakehouseSettings.SERVICE_USER,
        LocalLakehouseResource.token(LakehouseSettings.SERVICE_USER));
  }

  private static void execute(String sql, Object... arguments) throws SQLException {
    try (Connection service = serviceConnection();
        Statement statement = service.createStatement()) {
      statement.execute(sql.formatted(arguments));
    }
  }
}
