package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A data product's whole journey on the running stack, with real clients only: a platform admin
 * onboards a domain, its owner declares a product and writes rows through Trino, a member reads
 * them through the data endpoint in every format, pages while rows keep arriving, travels back in
 * time, and an outsider is denied over REST and over JDBC.
 */
@ExtendWith(SharedLakehouse.class)
class DataProductJourneyIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Tributary stack = SharedLakehouse.stack();
  private final Api api = new Api(stack);

  @Test
  void onboardDeclareWriteReadPageTravelAndDeny() throws Exception {
    String domain = SharedLakehouse.uniqueName("journey");
    String admin = stack.token("root", "platform-admins");
    String owner = stack.token("sam", domain + "-owners");
    String member = stack.token("ana", domain + "-analysts");
    String outsider = stack.token("olga", "elsewhere");

    Api.Reply onboarded =
        api.put(
            admin,
            "/api/v1/domains/" + domain,
            """
            apiVersion: tributary.io/v1
            kind: Domain
            metadata: {name: %1$s, title: Journey, description: A domain made by the journey test.}
            spec:
              owners: [%1$s-owners]
              members: [%1$s-analysts]
              costs: {monthlyBudgetUsd: 50, maxBytesScannedPerQuery: 1073741824}
            """
                .formatted(domain));
    assertThat(onboarded.status()).as(onboarded.body()).isEqualTo(201);

    Api.Reply declared =
        api.put(
            owner,
            "/api/v1/domains/%s/products/orders".formatted(domain),
            """
            apiVersion: tributary.io/v1
            kind: DataProduct
            metadata: {domain: %s, name: orders, version: 1.0.0, title: Orders}
            spec:
              zone: curated
              table:
                columns:
                  - {name: order_id, type: long, required: true}
                  - {name: customer, type: string}
                  - {name: amount, type: "decimal(10,2)"}
                primaryKey: [order_id]
              access: {visibility: discoverable}
              source: {type: external}
            """
                .formatted(domain));
    assertThat(declared.status()).as(declared.body()).isEqualTo(201);
    assertThat(declared.json().at("/run/status").asText()).isEqualTo("succeeded");

    String table = "lakehouse.%s.orders".formatted(domain);
    // The owner writes through Trino with their own token: the rules the run compiled let them.
    try (Connection connection = stack.connect("sam", owner, Map.of());
        Statement statement = connection.createStatement()) {
      statement.execute(
          "INSERT INTO %s VALUES (1, 'ada', 10.50), (2, 'alan', 20.00), (3, 'grace, \"the admiral\"', 30.25)"
              .formatted(table));
      statement.execute(
          "INSERT INTO %s SELECT n, 'customer ' || CAST(n AS varchar), CAST(n AS decimal(10,2)) FROM UNNEST(sequence(4, 60)) AS t(n)"
              .formatted(table));
    }
    String data = "/api/v1/domains/%s/products/orders/data".formatted(domain);

    // JSON, CSV and NDJSON carry the same rows.
    Api.Reply json = api.get(member, data, Map.of("limit", "3"), "application/json");
    assertThat(json.status()).as(json.body()).isEqualTo(200);
    JsonNode page = json.json();
    List<String> columns = new ArrayList<>();
    page.get("columns").forEach(column -> columns.add(column.get("name").asText()));
    assertThat(columns).containsExactly("order_id", "customer", "amount");
    assertThat(page.get("rows")).hasSize(3);
    assertThat(page.get("rows").get(2).get(1).asText()).isEqualTo("grace, \"the admiral\"");

    Api.Reply csv = api.get(member, data, Map.of("limit", "3"), "text/csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body().lines().toList())
        .containsExactly(
            "order_id,customer,amount",
            "1,ada,10.50",
            "2,alan,20.00",
            "3,\"grace, \"\"the admiral\"\"\",30.25");

    Api.Reply ndjson = api.get(member, data, Map.of("limit", "3"), "application/x-ndjson");
    assertThat(ndjson.status()).isEqualTo(200);
    List<JsonNode> objects = new ArrayList<>();
    for (String line : ndjson.body().lines().toList()) {
      objects.add(JSON.readTree(line));
    }
    assertThat(objects).hasSize(3);
    assertThat(objects.get(0).get("customer").asText()).isEqualTo("ada");
    assertThat(objects.get(2).get("order_id").asLong()).isEqualTo(3);

    // Page to the end while the owner keeps adding rows: the pages stay on their snapshot.
    Set<Long> seen = new HashSet<>();
    List<Long> inOrder = new ArrayList<>();
    String token = null;
    long nextId = 1000;
    int pages = 0;
    do {
      Map<String, String> query =
          token == null ? Map.of("limit", "7") : Map.of("limit", "7", "pageToken", token);
      JsonNode current = api.get(member, data, query, "application/json").json();
      current.get("rows").forEach(row -> inOrder.add(row.get(0).asLong()));
      current.get("rows").forEach(row -> seen.add(row.get(0).asLong()));
      token =
          current.path("nextPageToken").isNull()
              ? null
              : current.path("nextPageToken").asText(null);
      try (Connection connection = stack.connect("sam", owner, Map.of());
          Statement statement = connection.createStatement()) {
        statement.execute("INSERT INTO %s VALUES (%d, 'late', 1.00)".formatted(table, nextId++));
      }
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(9);
    assertThat(inOrder).as("no row twice").doesNotHaveDuplicates().hasSize(60);
    assertThat(seen)
        .as("every row of the first snapshot, none added later")
        .allMatch(id -> id <= 60);

    // Back to the first snapshot: only the first three rows existed then.
    JsonNode snapshots =
        api.get(member, "/api/v1/domains/%s/products/orders/snapshots".formatted(domain)).json();
    assertThat(snapshots.size()).isGreaterThanOrEqualTo(3);
    long first = -1;
    for (JsonNode snapshot : snapshots) {
      if (snapshot.get("operation").asText().equals("append")) {
        first = snapshot.get("snapshotId").asLong();
        break;
      }
    }
    JsonNode travelled =
        api.get(member, data, Map.of("asOf", "snapshot:" + first), "application/json").json();
    assertThat(travelled.get("rows")).hasSize(3);

    // The outsider: no rows over REST, and none over JDBC either.
    Api.Reply denied = api.get(outsider, data, Map.of(), "application/json");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.contentType()).startsWith("application/problem+json");
    try (Connection connection = stack.connect("olga", outsider, Map.of())) {
      assertThatThrownBy(() -> AccessRulesIT.query(connection, "SELECT * FROM " + table))
          .isInstanceOf(SQLException.class)
          .satisfies(AccessRulesIT::isDenial);
    }
  }
}
