package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code up}, {@code status} and {@code down} as a user runs them; the data outlive a restart. */
@ExtendWith(SharedLakehouse.class)
class LifecycleIT {
  private final Tributary stack = SharedLakehouse.stack();

  @Test
  void statusNamesEveryComponentWithItsUrlAndHealth() {
    String status = stack.succeed("status");
    assertThat(status).contains("Supervisor:   ready");
    assertThat(status.lines().filter(line -> line.matches("\\s+\\S+\\s+up\\s+.*")))
        .hasSize(5)
        .anySatisfy(line -> assertThat(line).contains("h2").contains("jdbc:h2:tcp://"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("api")
                    .contains("http://localhost:" + stack.variable("TRIBUTARY_API_PORT")))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("s3proxy")
                    .contains("http://127.0.0.1:" + stack.variable("TRIBUTARY_S3_PORT")))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("dynamodb")
                    .contains("http://127.0.0.1:" + stack.variable("TRIBUTARY_DYNAMODB_PORT")))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("trino")
                    .contains("https://localhost:" + stack.variable("TRIBUTARY_TRINO_PORT"))
                    .contains("version 476"));
  }

  @Test
  void supervisorRestartsAComponentThatDies() throws Exception {
    java.nio.file.Path pidFile = stack.settings().layout().componentPid("dynamodb");
    long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
    ProcessHandle dynamoDb = ProcessHandle.of(pid).orElseThrow();
    dynamoDb.destroyForcibly();
    dynamoDb.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);

    java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
    Tributary.Result status = stack.run("status");
    while (status.exitCode() != 0 && java.time.Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      status = stack.run("status");
    }
    assertThat(status.exitCode()).as(status.output()).isZero();
    long restarted = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
    assertThat(restarted).isNotEqualTo(pid);
    assertThat(java.nio.file.Files.readString(stack.settings().layout().log("supervisor")))
        .contains("stopped unexpectedly")
        .contains("restarting it (1 of 3)");
  }

  @Test
  void upOnboardsTheExampleMeshWithItsSampleRows() throws Exception {
    Api api = new Api(stack);
    String olga = stack.token("olga");
    com.fasterxml.jackson.databind.JsonNode discovered =
        api.get(olga, "/api/v1/products", java.util.Map.of("pageSize", "100"), "application/json")
            .json();
    List<String> products = new java.util.ArrayList<>();
    discovered
        .get("products")
        .forEach(
            product ->
                products.add(product.get("domain").asText() + "." + product.get("name").asText()));
    assertThat(products)
        .contains("sales.orders", "sales.products", "customers.profiles", "marketing.web_events");
    try (Connection connection = stack.connect("tributary")) {
      assertThat(
              AccessRulesIT.query(connection, "SELECT count(*) FROM lakehouse.sales.orders").get(1))
          .containsExactly("2000");
      assertThat(
              AccessRulesIT.query(connection, "SELECT count(*) FROM lakehouse.marketing.web_events")
                  .get(1))
          .containsExactly("3000");
    }
    assertThat(
            api.get(olga, "/api/v1/domains/sales/products/orders")
                .json()
                .at("/freshness/status")
                .asText())
        .isIn("fresh", "stale");
  }

  @Test
  void upWhileRunningLeavesTheStackAlone() {
    assertThat(stack.succeed("up")).contains("already running");
  }

  @Test
  void tablesAndRowsSurviveDownAndUp() throws Exception {
    String table = "lakehouse.%s.events".formatted(SharedLakehouse.uniqueName("restart"));
    String schema = table.substring(0, table.lastIndexOf('.'));
    try (Connection connection = stack.connect("tributary");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
      statement.execute("CREATE TABLE %s (id bigint, kind varchar)".formatted(table));
      statement.execute("INSERT INTO %s VALUES (1, 'view'), (2, 'click')".formatted(table));
      statement.execute("INSERT INTO %s VALUES (3, 'purchase')".formatted(table));
    }
    List<List<String>> snapshotsBefore;
    try (Connection connection = stack.connect("tributary")) {
      snapshotsBefore = AccessRulesIT.query(connection, snapshotsQuery(table));
    }
    assertThat(snapshotsBefore).hasSizeGreaterThanOrEqualTo(3);

    assertThat(stack.succeed("down")).contains("Stopped");
    Tributary.Result stopped = stack.run("status");
    assertThat(stopped.exitCode()).isNotZero();
    assertThat(stopped.stdout()).contains("not running");

    stack.up();
    try (Connection connection = stack.connect("tributary")) {
      assertThat(
              AccessRulesIT.query(
                  connection, "SELECT id, kind FROM %s ORDER BY id".formatted(table)))
          .containsExactly(
              List.of("id", "kind"),
              List.of("1", "view"),
              List.of("2", "click"),
              List.of("3", "purchase"));
      assertThat(AccessRulesIT.query(connection, snapshotsQuery(table)))
          .as("every commit, with its id and time")
          .isEqualTo(snapshotsBefore);
    }
  }

  private static String snapshotsQuery(String table) {
    return "SELECT snapshot_id, committed_at, operation FROM %s ORDER BY committed_at"
        .formatted(table.replace(".events", ".\"events$snapshots\""));
  }
}
