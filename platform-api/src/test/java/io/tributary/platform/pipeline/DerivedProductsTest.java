package io.tributary.platform.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tributary.platform.testing.LocalLakehouseResource;
import io.tributary.platform.testing.RecordingWebhookResource;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * SQL-derived products end to end on a real local lakehouse: declared against their inputs,
 * refreshed through Trino pinned to the inputs' snapshots, refreshed again by the scheduler when an
 * input commits, traced in lineage across domains, and reported to the webhook as OpenLineage run
 * events.
 */
@QuarkusTest
@QuarkusTestResource(LocalLakehouseResource.class)
@QuarkusTestResource(RecordingWebhookResource.class)
class DerivedProductsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = LocalLakehouseResource.token("root", "platform-admins");
  private static final Duration SCHEDULER_WAIT = Duration.ofSeconds(60);

  @ConfigProperty(name = "tributary.events.webhook-url")
  URI webhook;

  static String unique(String prefix) {
    return prefix + "_" + Long.toHexString(System.nanoTime()).substring(5);
  }

  private static String owner(String domain) {
    return LocalLakehouseResource.token("sam", domain + "-owners");
  }

  private static void onboard(String domain) {
    put(
            ADMIN,
            "/api/v1/domains/" + domain,
            """
            apiVersion: tributary.io/v1
            kind: Domain
            metadata: {name: %1$s, title: Pipelines test}
            spec:
              owners: [%1$s-owners]
              members: [%1$s-analysts]
              costs: {monthlyBudgetUsd: 100, maxBytesScannedPerQuery: 1073741824}
            """
                .formatted(domain))
        .then()
        .statusCode(201);
  }

  private static io.restassured.response.Response put(String token, String path, String yaml) {
    return given().auth().oauth2(token).contentType("application/yaml").body(yaml).put(path);
  }

  /** Orders in {@code domain}, granted to the owners of {@code reader}. */
  private static String ordersYaml(String domain, String reader) {
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
          access:
            visibility: discoverable
            grants:
              - {principal: "group:%s-owners", columns: all}
          source: {type: external}
        """
        .formatted(domain, reader);
  }

  private static String revenueYaml(String domain, String input, String reader, String query) {
    return """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: %s, name: revenue, version: 1.0.0, title: Revenue per SKU}
        spec:
          zone: curated
          table:
            columns:
              - {name: sku, type: string, required: true}
              - {name: orders, type: long, required: true}
              - {name: revenue, type: "decimal(14,2)", required: true}
            primaryKey: [sku]
          access:
            visibility: discoverable
            grants:
              - {principal: "group:%s-owners", columns: all}
          source:
            type: sql
            inputs: [%s]
            refresh: full
            schedule: PT1H
            query: "%s"
        """
        .formatted(domain, reader, input, query);
  }

  private static String revenueQuery(String input) {
    return "SELECT sku, count(*) AS orders, CAST(sum(amount) AS decimal(14,2)) AS revenue"
        + " FROM "
        + input
        + " GROUP BY sku";
  }

  /** Top SKUs of the revenue product, merged by key: rows of SKUs no longer at the top remain. */
  private static String topSkusYaml(String domain, String input) {
    return """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: %s, name: top_skus, version: 1.0.0, title: Best sellers}
        spec:
          zone: curated
          table:
            columns:
              - {name: sku, type: string, required: true}
              - {name: revenue, type: "decimal(14,2)", required: true}
            primaryKey: [sku]
          source:
            type: sql
            inputs: [%s]
            refresh: merge
            schedule: PT1H
            query: >-
              WITH ranked AS (SELECT r.sku, r.revenue FROM %s r WHERE r.revenue >= 20)
              SELECT sku, revenue FROM ranked
        """
        .formatted(domain, input, input);
  }

  private static Connection trino() throws Exception {
    return LocalLakehouseResource.connect("tributary", LocalLakehouseResource.token("tributary"));
  }

  private static void execute(String sql) throws Exception {
    try (Connection connection = trino();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static long currentSnapshot(String domain, String product) throws Exception {
    try (Connection connection = trino();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT snapshot_id FROM lakehouse.%s.\"%s$history\" ORDER BY made_current_at DESC LIMIT 1"
                    .formatted(domain, product))) {
      assertThat(rows.next()).isTrue();
      return rows.getLong(1);
    }
  }

  private static Map<String, BigDecimal> rows(String table, String value) throws Exception {
    return rows(table, "sku", value);
  }

  private static Map<String, BigDecimal> rows(String table, String key, String value)
      throws Exception {
    Map<String, BigDecimal> rows = new LinkedHashMap<>();
    try (Connection connection = trino();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT %1$s, %2$s FROM lakehouse.%3$s ORDER BY %1$s"
                    .formatted(key, value, table))) {
      while (result.next()) {
        rows.put(result.getString(1), result.getBigDecimal(2));
      }
    }
    return rows;
  }

  /** A successful refresh queues a quality evaluation of the new snapshot, as ingestion does. */
  private static void assertQualityEvaluatedAfterRefresh(String domain, String product)
      throws InterruptedException {
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
    while (true) {
      List<String> triggers =
          given()
              .auth()
              .oauth2(owner(domain))
              .get("/api/v1/domains/%s/products/%s/quality".formatted(domain, product))
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("history.trigger", String.class);
      if (triggers.stream().anyMatch("refresh"::equalsIgnoreCase)) {
        return;
      }
      if (java.time.Instant.now().isAfter(deadline)) {
        org.assertj.core.api.Assertions.fail(
            "no quality evaluation after the refresh of %s.%s: %s", domain, product, triggers);
      }
      Thread.sleep(250);
    }
  }

  private static JsonPath refresh(String token, String domain, String product) {
    return given()
        .auth()
        .oauth2(token)
        .post("/api/v1/domains/%s/products/%s/refresh".formatted(domain, product))
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static List<Map<String, Object>> history(String domain, String product) {
    return given()
        .auth()
        .oauth2(owner(domain))
        .get("/api/v1/domains/%s/products/%s/refreshes".formatted(domain, product))
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("refreshes");
  }

  /** Three domains: a's orders, b's revenue derived from them, c's top SKUs merged from b's. */
  private record Mesh(String a, String b, String c) {}

  private static Mesh threeDomains() throws Exception {
    Mesh mesh = new Mesh(unique("pipea"), unique("pipeb"), unique("pipec"));
    onboard(mesh.a());
    onboard(mesh.b());
    onboard(mesh.c());
    put(
            owner(mesh.a()),
            "/api/v1/domains/%s/products/orders".formatted(mesh.a()),
            ordersYaml(mesh.a(), mesh.b()))
        .then()
        .statusCode(201);
    execute(
        "INSERT INTO lakehouse.%s.orders VALUES (1, 'HOM-1', 10.00), (2, 'HOM-1', 15.50),"
                .formatted(mesh.a())
            + " (3, 'TOY-7', 4.25)");
    put(
            owner(mesh.b()),
            "/api/v1/domains/%s/products/revenue".formatted(mesh.b()),
            revenueYaml(
                mesh.b(), mesh.a() + ".orders", mesh.c(), revenueQuery(mesh.a() + ".orders")))
        .then()
        .statusCode(201);
    put(
            owner(mesh.c()),
            "/api/v1/domains/%s/products/top_skus".formatted(mesh.c()),
            topSkusYaml(mesh.c(), mesh.b() + ".revenue"))
        .then()
        .statusCode(201);
    return mesh;
  }

  @Test
  void aDerivedProductIsRefreshedFromPinnedSnapshotsAndAgainWhenItsInputChanges() throws Exception {
    Mesh mesh = threeDomains();
    long firstSnapshot = currentSnapshot(mesh.a(), "orders");

    JsonPath manual = refresh(owner(mesh.b()), mesh.b(), "revenue");
    assertThat(manual.getString("status")).as(manual.prettify()).isEqualTo("succeeded");
    assertThat(manual.getString("trigger")).isEqualTo("manual");
    assertThat(manual.getLong("inputSnapshots.'" + mesh.a() + ".orders'")).isEqualTo(firstSnapshot);
    assertThat(manual.getLong("rowCount")).isEqualTo(2);
    assertThat(manual.getLong("outputSnapshot")).isEqualTo(currentSnapshot(mesh.b(), "revenue"));
    assertThat(rows(mesh.b() + ".revenue", "revenue"))
        .containsExactly(
            Map.entry("HOM-1", new BigDecimal("25.50")),
            Map.entry("TOY-7", new BigDecimal("4.25")));
    assertQualityEvaluatedAfterRefresh(mesh.b(), "revenue");

    // A new snapshot of the input: the scheduler sees it and refreshes, reading exactly that one.
    execute("INSERT INTO lakehouse.%s.orders VALUES (4, 'GAR-3', 30.00)".formatted(mesh.a()));
    long secondSnapshot = currentSnapshot(mesh.a(), "orders");
    Map<String, Object> scheduled =
        awaitRefresh(mesh.b(), "revenue", mesh.a() + ".orders", secondSnapshot);
    assertThat(scheduled.get("trigger")).isEqualTo("input-changed");
    assertThat(scheduled.get("status")).isEqualTo("succeeded");
    assertThat(((Number) scheduled.get("rowCount")).longValue()).isEqualTo(3);
    assertThat(((Number) scheduled.get("durationMillis")).longValue()).isNotNegative();
    assertThat(rows(mesh.b() + ".revenue", "revenue"))
        .containsEntry("GAR-3", new BigDecimal("30.00"));

    // A full refresh replaces the rows: a SKU whose orders are gone is gone.
    execute("DELETE FROM lakehouse.%s.orders WHERE sku = 'TOY-7'".formatted(mesh.a()));
    JsonPath replaced = refresh(owner(mesh.b()), mesh.b(), "revenue");
    assertThat(replaced.getString("status")).isEqualTo("succeeded");
    assertThat(rows(mesh.b() + ".revenue", "revenue")).containsOnlyKeys("HOM-1", "GAR-3");

    // The history lists every refresh, newest first, with what each read.
    List<Map<String, Object>> runs = history(mesh.b(), "revenue");
    assertThat(runs).extracting(run -> run.get("trigger")).contains("manual", "input-changed");
    assertThat(runs).extracting(run -> run.get("id")).contains(replaced.getString("id"));
  }

  @Test
  void aMergeRefreshUpsertsByKeyAndKeepsRowsTheQueryNoLongerReturns() throws Exception {
    Mesh mesh = threeDomains();
    refresh(owner(mesh.b()), mesh.b(), "revenue");
    JsonPath first = refresh(owner(mesh.c()), mesh.c(), "top_skus");
    assertThat(first.getString("status")).as(first.prettify()).isEqualTo("succeeded");
    assertThat(rows(mesh.c() + ".top_skus", "revenue"))
        .containsExactly(Map.entry("HOM-1", new BigDecimal("25.50")));

    // Deleted first: whenever the scheduler refreshes in between, HOM-1 never reaches the cut
    // again.
    execute("DELETE FROM lakehouse.%s.orders WHERE order_id IN (1, 2)".formatted(mesh.a()));
    execute(
        "INSERT INTO lakehouse.%s.orders VALUES (5, 'TOY-7', 40.00), (6, 'HOM-1', 1.00)"
            .formatted(mesh.a()));
    refresh(owner(mesh.b()), mesh.b(), "revenue");
    JsonPath second = refresh(owner(mesh.c()), mesh.c(), "top_skus");
    assertThat(second.getString("status")).isEqualTo("succeeded");
    // TOY-7 inserted; HOM-1 (now 1.00, below the cut) is no longer returned but a merge keeps it.
    assertThat(rows(mesh.c() + ".top_skus", "revenue"))
        .containsExactly(
            Map.entry("HOM-1", new BigDecimal("25.50")),
            Map.entry("TOY-7", new BigDecimal("44.25")));
    assertThat(second.getLong("inputSnapshots.'" + mesh.b() + ".revenue'"))
        .isEqualTo(currentSnapshot(mesh.b(), "revenue"));
  }

  /**
   * Order lines of {@code domain}'s orders, without a primary key: the same line may occur twice,
   * and small amounts are null, so rows are matched on nulls too.
   */
  private static String linesYaml(String domain) {
    return """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: %1$s, name: lines, version: 1.0.0, title: Order lines}
        spec:
          zone: curated
          table:
            columns:
              - {name: sku, type: string, required: true}
              - {name: amount, type: "decimal(12,2)"}
          quality:
            - {type: row_count_min, min: 1}
          source:
            type: sql
            inputs: [%1$s.orders]
            refresh: full
            schedule: PT1H
            query: "SELECT sku, CASE WHEN amount > 5 THEN amount END AS amount FROM %1$s.orders"
        """
        .formatted(domain);
  }

  /** A domain whose orders hold a duplicated line and a small amount, and their lines. */
  private static String linesDomain() throws Exception {
    String domain = unique("pipekeyless");
    onboard(domain);
    put(
            owner(domain),
            "/api/v1/domains/%s/products/orders".formatted(domain),
            ordersYaml(domain, domain))
        .then()
        .statusCode(201);
    execute(
        "INSERT INTO lakehouse.%s.orders VALUES (1, 'HOM-1', 10.00), (2, 'HOM-1', 10.00),"
                .formatted(domain)
            + " (3, 'TOY-7', 4.25)");
    put(owner(domain), "/api/v1/domains/%s/products/lines".formatted(domain), linesYaml(domain))
        .then()
        .statusCode(201);
    return domain;
  }

  /** The product's rows as "sku amount" lines, sorted, duplicates kept. */
  private static List<String> lines(String domain) throws Exception {
    List<String> lines = new ArrayList<>();
    try (Connection connection = trino();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT sku, amount FROM lakehouse.%s.lines ORDER BY sku, amount"
                    .formatted(domain))) {
      while (result.next()) {
        lines.add(result.getString(1) + " " + result.getBigDecimal(2));
      }
    }
    return lines;
  }

  private static Long parentSnapshot(String domain, String product, long snapshot)
      throws Exception {
    try (Connection connection = trino();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT parent_id FROM lakehouse.%s.\"%s$snapshots\" WHERE snapshot_id = %d"
                    .formatted(domain, product, snapshot))) {
      assertThat(rows.next()).as("snapshot %d of %s.%s", snapshot, domain, product).isTrue();
      long parent = rows.getLong(1);
      return rows.wasNull() ? null : parent;
    }
  }

  @Test
  void aFullRefreshWithoutAKeyLeavesExactlyTheQueryRowsDuplicatesIncludedInOneSnapshot()
      throws Exception {
    String domain = linesDomain();
    JsonPath first = refresh(owner(domain), domain, "lines");
    assertThat(first.getString("status")).as(first.prettify()).isEqualTo("succeeded");
    assertThat(lines(domain)).containsExactly("HOM-1 10.00", "HOM-1 10.00", "TOY-7 null");

    execute("DELETE FROM lakehouse.%s.orders WHERE order_id = 1".formatted(domain));
    execute("INSERT INTO lakehouse.%s.orders VALUES (4, 'GAR-3', 1.00)".formatted(domain));
    JsonPath second = refresh(owner(domain), domain, "lines");
    assertThat(second.getString("status")).as(second.prettify()).isEqualTo("succeeded");
    // One HOM-1 line left of two, the null TOY-7 line replaced rather than kept beside its twin.
    assertThat(lines(domain)).containsExactly("GAR-3 null", "HOM-1 10.00", "TOY-7 null");
    assertThat(second.getLong("rowCount")).isEqualTo(3);

    // One snapshot: the refresh's parent is the snapshot of the refresh before it (the scheduler's
    // or the first manual one), with no empty table between.
    List<Map<String, Object>> runs = history(domain, "lines");
    int index = runs.stream().map(run -> run.get("id")).toList().indexOf(second.getString("id"));
    Map<String, Object> previous = runs.get(index + 1);
    assertThat(previous.get("status")).isEqualTo("succeeded");
    assertThat(parentSnapshot(domain, "lines", second.getLong("outputSnapshot")))
        .isEqualTo(((Number) previous.get("outputSnapshot")).longValue());
  }

  @Test
  void refreshesAndQualityChecksAreInTheDomainsUsageAsThePlatformsJobs() throws Exception {
    Instant start = Instant.now().minusSeconds(1);
    String domain = linesDomain();
    JsonPath refreshed = refresh(owner(domain), domain, "lines");
    assertThat(refreshed.getString("status")).as(refreshed.prettify()).isEqualTo("succeeded");
    given()
        .auth()
        .oauth2(owner(domain))
        .post("/api/v1/domains/%s/products/lines/quality/run".formatted(domain))
        .then()
        .statusCode(200);

    Instant deadline = Instant.now().plusSeconds(30);
    while (true) {
      JsonPath report =
          given()
              .auth()
              .oauth2(owner(domain))
              .queryParam("from", start.toString())
              .queryParam("to", Instant.now().plusSeconds(60).toString())
              .queryParam("groupBy", "consumer")
              .get("/api/v1/domains/{domain}/usage", domain)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      Map<String, Map<String, Object>> lines = new LinkedHashMap<>();
      List<Map<String, Object>> reported = report.getList("lines");
      for (Map<String, Object> line : reported) {
        @SuppressWarnings("unchecked")
        Map<String, Object> usage = (Map<String, Object>) line.get("usage");
        lines.put((String) line.get("key"), usage);
      }
      if (lines.containsKey("tributary-pipelines") && lines.containsKey("tributary-quality")) {
        Map<String, Object> refreshes = lines.get("tributary-pipelines");
        assertThat(((Number) refreshes.get("queries")).longValue())
            .as("the input's snapshot, the merge, the count and the output's snapshot, per refresh")
            .isEqualTo(4 * ((Number) refreshes.get("reads")).longValue());
        assertThat(((Number) refreshes.get("bytesRead")).longValue())
            .as("the merge read the orders")
            .isPositive();
        assertThat(((Number) refreshes.get("wallMillis")).longValue()).isPositive();
        Map<String, Object> checks = lines.get("tributary-quality");
        assertThat(((Number) checks.get("queries")).longValue())
            .as("one row_count_min query per evaluation")
            .isEqualTo(((Number) checks.get("reads")).longValue());
        assertThat(
                given()
                    .auth()
                    .oauth2(owner(domain))
                    .queryParam("from", start.toString())
                    .queryParam("to", Instant.now().plusSeconds(60).toString())
                    .queryParam("groupBy", "product")
                    .get("/api/v1/domains/{domain}/usage", domain)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("lines.key", String.class))
            .as("recorded under the product written and checked")
            .containsExactly("lines");
        return;
      }
      assertThat(Instant.now()).as("usage of " + report.prettify()).isBefore(deadline);
      Thread.sleep(200);
    }
  }

  @Test
  void aQueryReadingAnythingButItsReadableInputsIsRefusedAtDeclaration() throws Exception {
    Mesh mesh = threeDomains();
    String path = "/api/v1/domains/%s/products/revenue_bad".formatted(mesh.b());
    String input = mesh.a() + ".orders";

    String undeclared =
        revenueYaml(
                mesh.b(),
                input,
                mesh.c(),
                revenueQuery(input) + " UNION ALL " + revenueQuery(mesh.c() + ".top_skus"))
            .replace("name: revenue,", "name: revenue_bad,");
    put(owner(mesh.b()), path, undeclared)
        .then()
        .statusCode(422)
        .body("errors.pointer", hasItem("/spec/source/query"));

    String otherCatalog =
        revenueYaml(mesh.b(), input, mesh.c(), revenueQuery("lakehouse." + input))
            .replace("name: revenue,", "name: revenue_bad,");
    put(owner(mesh.b()), path, otherCatalog)
        .then()
        .statusCode(422)
        .body("errors.pointer", hasItem("/spec/source/query"));

    String twoStatements =
        revenueYaml(mesh.b(), input, mesh.c(), revenueQuery(input) + "; DROP TABLE " + input)
            .replace("name: revenue,", "name: revenue_bad,");
    put(owner(mesh.b()), path, twoStatements)
        .then()
        .statusCode(422)
        .body("errors.pointer", hasItem("/spec/source/query"));

    // a's orders grant b's owners, not c's: c may not derive from them.
    String notReadable =
        revenueYaml(mesh.c(), input, mesh.c(), revenueQuery(input))
            .replace("name: revenue,", "name: revenue_bad,");
    put(owner(mesh.c()), "/api/v1/domains/%s/products/revenue_bad".formatted(mesh.c()), notReadable)
        .then()
        .statusCode(422)
        .body("errors.pointer", hasItem("/spec/source/inputs/0"));

    String missing = mesh.a() + ".no_such_product";
    put(
            owner(mesh.b()),
            path,
            revenueYaml(mesh.b(), missing, mesh.c(), revenueQuery(missing))
                .replace("name: revenue,", "name: revenue_bad,"))
        .then()
        .statusCode(422)
        .body("errors.pointer", hasItem("/spec/source/inputs/0"));
  }

  @Test
  void lineageFollowsInputsAcrossThreeDomainsBothWays() throws Exception {
    Mesh mesh = threeDomains();
    String orders = mesh.a() + ".orders";
    String revenue = mesh.b() + ".revenue";
    String top = mesh.c() + ".top_skus";

    JsonPath fromMiddle = lineage(ADMIN, mesh.b(), "revenue", 5);
    assertThat(fromMiddle.getList("nodes.id", String.class)).containsExactly(revenue, orders, top);
    assertThat(fromMiddle.getList("nodes.relation", String.class))
        .containsExactly("self", "upstream", "downstream");
    assertThat(fromMiddle.getList("edges.from", String.class)).containsExactly(orders, revenue);
    assertThat(fromMiddle.getList("edges.to", String.class)).containsExactly(revenue, top);

    JsonPath fromSource = lineage(owner(mesh.a()), mesh.a(), "orders", 5);
    // top_skus is private to c: a's owners do not see it, and lineage does not reveal it.
    assertThat(fromSource.getList("nodes.id", String.class)).containsExactly(orders, revenue);
    assertThat(fromSource.getBoolean("truncated")).isTrue();

    JsonPath asAdmin = lineage(ADMIN, mesh.a(), "orders", 5);
    assertThat(asAdmin.getList("nodes.id", String.class)).containsExactly(orders, revenue, top);
    assertThat(asAdmin.getList("nodes.zone", String.class)).containsOnly("curated");
    JsonPath shallow = lineage(ADMIN, mesh.a(), "orders", 1);
    assertThat(shallow.getList("nodes.id", String.class)).containsExactly(orders, revenue);

    JsonPath fromEnd = lineage(owner(mesh.c()), mesh.c(), "top_skus", 5);
    assertThat(fromEnd.getList("nodes.id", String.class)).containsExactly(top, revenue, orders);
    assertThat(fromEnd.getList("nodes.relation", String.class))
        .containsExactly("self", "upstream", "upstream");
  }

  @Test
  void eachRefreshSendsOpenLineageStartAndCompleteToTheWebhook() throws Exception {
    Mesh mesh = threeDomains();
    JsonPath run = refresh(owner(mesh.b()), mesh.b(), "revenue");
    String job = mesh.b() + ".revenue";
    Instant deadline = Instant.now().plusSeconds(15);
    List<JsonNode> events;
    while (true) {
      events = lineageEvents(job);
      if (events.stream().anyMatch(event -> event.path("type").asText().endsWith("complete"))
          || Instant.now().isAfter(deadline)) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(events)
        .extracting(event -> event.path("type").asText())
        .contains("io.tributary.lineage.run.start", "io.tributary.lineage.run.complete");
    JsonNode complete =
        events.stream()
            .filter(event -> event.path("type").asText().endsWith("complete"))
            .filter(
                event ->
                    event
                        .at("/data/inputs/0/facets/version/datasetVersion")
                        .asText()
                        .equals(run.getString("inputSnapshots.'" + mesh.a() + ".orders'")))
            .findFirst()
            .orElseThrow();
    JsonNode data = complete.path("data");
    assertThat(data.path("eventType").asText()).isEqualTo("COMPLETE");
    assertThat(data.at("/job/namespace").asText()).isEqualTo("tributary");
    assertThat(data.at("/job/name").asText()).isEqualTo(job);
    assertThat(data.at("/inputs/0/name").asText()).isEqualTo(mesh.a() + ".orders");
    assertThat(data.at("/inputs/0/namespace").asText()).isEqualTo("trino://lakehouse");
    assertThat(data.at("/outputs/0/name").asText()).isEqualTo(job);
    assertThat(data.at("/outputs/0/outputFacets/outputStatistics/rowCount").asLong()).isEqualTo(2);
    String runId = data.at("/run/runId").asText();
    assertThat(
            events.stream()
                .filter(event -> event.path("type").asText().endsWith("start"))
                .map(event -> event.at("/data/run/runId").asText()))
        .contains(runId);
  }

  /** A file of the example mesh with its domains renamed, so the test owns them. */
  private static String meshFile(String file, Map<String, String> domains) throws Exception {
    String text =
        java.nio.file.Files.readString(java.nio.file.Path.of("..", "data-products", file));
    for (Map.Entry<String, String> rename : domains.entrySet()) {
      text = text.replaceAll("\\b" + rename.getKey() + "\\b", rename.getValue());
    }
    return text;
  }

  @Test
  void theExampleMeshDerivedProductsRefreshOverTheirInputs() throws Exception {
    Map<String, String> domains = new LinkedHashMap<>();
    domains.put("sales", unique("sales"));
    domains.put("marketing", unique("marketing"));
    domains.put("analytics", unique("analytics"));
    for (String domain : domains.keySet()) {
      put(
              ADMIN,
              "/api/v1/domains/" + domains.get(domain),
              meshFile(domain + "/domain.yaml", domains))
          .then()
          .statusCode(201);
    }
    String sales = domains.get("sales");
    String marketing = domains.get("marketing");
    String analytics = domains.get("analytics");
    for (String file :
        List.of(
            "sales/products.yaml",
            "sales/orders.yaml",
            "marketing/web_events.yaml",
            "analytics/product_revenue.yaml",
            "marketing/sessions.yaml")) {
      String domain = domains.get(file.substring(0, file.indexOf('/')));
      String product = file.substring(file.indexOf('/') + 1, file.indexOf('.'));
      put(
              LocalLakehouseResource.token("sam", domain + "-owners"),
              "/api/v1/domains/%s/products/%s".formatted(domain, product),
              meshFile(file, domains))
          .then()
          .statusCode(201);
    }
    execute(
        ("INSERT INTO lakehouse.%s.products VALUES ('HOM-1', 'Lamp', 'home', 20.00, true),"
                + " ('TOY-2', 'Kite', 'toys', 5.00, true), ('GAR-3', 'Rake', 'garden', 9.00, false)")
            .formatted(sales));
    String lines =
        "CAST(ARRAY[%s] AS array(row(sku varchar, quantity integer, unit_price decimal(10,2))))";
    execute(
        ("INSERT INTO lakehouse.%s.orders VALUES"
                + " (1, 7, TIMESTAMP '2026-01-01 10:00:00 UTC', 'paid', 45.00, 'EUR', "
                + lines.formatted("ROW('HOM-1', 2, 20.00), ROW('TOY-2', 1, 5.00)")
                + "), (2, 8, TIMESTAMP '2026-01-02 10:00:00 UTC', 'delivered', 20.00, 'EUR', "
                + lines.formatted("ROW('HOM-1', 1, 20.00)")
                + "), (3, 9, TIMESTAMP '2026-01-03 10:00:00 UTC', 'cancelled', 5.00, 'EUR', "
                + lines.formatted("ROW('TOY-2', 1, 5.00)")
                + ")")
            .formatted(sales));
    execute(
        ("INSERT INTO lakehouse.%s.web_events VALUES"
                + " ('e1', TIMESTAMP '2026-01-01 10:00:00 UTC', 's1', NULL, 'page_view', '/home', NULL, NULL),"
                + " ('e2', TIMESTAMP '2026-01-01 10:10:00 UTC', 's1', 7, 'product_view', '/p/HOM-1', NULL, NULL),"
                + " ('e3', TIMESTAMP '2026-01-01 10:20:00 UTC', 's1', 7, 'purchase', '/checkout', NULL, NULL),"
                + " ('e4', TIMESTAMP '2026-01-01 11:30:00 UTC', 's1', 7, 'page_view', '/p/TOY-2', NULL, NULL)")
            .formatted(marketing));

    JsonPath revenue = refresh(owner(analytics), analytics, "product_revenue");
    assertThat(revenue.getString("status")).as(revenue.prettify()).isEqualTo("succeeded");
    assertThat(revenue.getLong("rowCount")).isEqualTo(3);
    assertThat(rows(analytics + ".product_revenue", "product_id", "revenue"))
        .containsExactly(
            Map.entry("GAR-3", new BigDecimal("0.00")),
            Map.entry("HOM-1", new BigDecimal("60.00")),
            Map.entry("TOY-2", new BigDecimal("5.00")));

    JsonPath sessions = refresh(owner(marketing), marketing, "sessions");
    assertThat(sessions.getString("status")).as(sessions.prettify()).isEqualTo("succeeded");
    try (Connection connection = trino();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT session_id, events, landing_page, purchased FROM lakehouse.%s.sessions ORDER BY session_id"
                    .formatted(marketing))) {
      List<String> visits = new ArrayList<>();
      while (result.next()) {
        visits.add(
            result.getString(1)
                + " "
                + result.getLong(2)
                + " "
                + result.getString(3)
                + " "
                + result.getBoolean(4));
      }
      // 70 minutes between e3 and e4: the tracking session is two visits.
      assertThat(visits).containsExactly("s1#1 3 /home true", "s1#2 1 /p/TOY-2 false");
    }
  }

  private List<JsonNode> lineageEvents(String subject) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(webhook).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    List<JsonNode> events = new ArrayList<>();
    for (JsonNode delivery : JSON.readTree(response.body())) {
      JsonNode event = delivery.path("event");
      if (event.path("subject").asText().equals(subject)
          && event.path("type").asText().startsWith("io.tributary.lineage.run.")) {
        events.add(event);
      }
    }
    return events;
  }

  private static JsonPath lineage(String token, String domain, String product, int depth) {
    return given()
        .auth()
        .oauth2(token)
        .queryParam("depth", depth)
        .get("/api/v1/domains/%s/products/%s/lineage".formatted(domain, product))
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static Map<String, Object> awaitRefresh(
      String domain, String product, String input, long snapshot) throws Exception {
    Instant deadline = Instant.now().plus(SCHEDULER_WAIT);
    while (true) {
      for (Map<String, Object> run : history(domain, product)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> inputs = (Map<String, Object>) run.get("inputSnapshots");
        Object read = inputs.get(input);
        if (read != null
            && ((Number) read).longValue() == snapshot
            && !"running".equals(run.get("status"))) {
          return run;
        }
      }
      assertThat(Instant.now()).as("a refresh reading snapshot " + snapshot).isBefore(deadline);
      Thread.sleep(250);
    }
  }
}
