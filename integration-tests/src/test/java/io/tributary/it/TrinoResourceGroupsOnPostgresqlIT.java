package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.policies.testing.EmbeddedPostgresql;
import io.tributary.policies.trino.ResourceGroupLimits;
import io.tributary.policies.trino.ResourceGroups;
import io.tributary.policies.trino.ResourceGroupsDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local lakehouse's Trino 476 with the resource-group settings the helm chart renders ({@code
 * db} manager on PostgreSQL, Trino's own migrations, the password from the environment), and the
 * groups written as the platform API writes them: Trino creates its tables, runs no query until
 * groups are written, then routes each query to its domain's group and follows a replacement
 * without a restart.
 */
class TrinoResourceGroupsOnPostgresqlIT {
  private static final String ENVIRONMENT = "resource_groups_it";
  private static final String PASSWORD = "resource-groups-password";
  private static final Duration PATIENCE = Duration.ofMinutes(3);
  private static final ResourceGroups COMPILER = ResourceGroups.withDefaultLimits("tributary");
  private static final ResourceGroups.DomainGroup SALES =
      new ResourceGroups.DomainGroup(
          "sales", List.of("sales-owners"), new ResourceGroupLimits(2, 10, "30%"));
  private static final ResourceGroups.DomainGroup CUSTOMERS =
      new ResourceGroups.DomainGroup(
          "customers", List.of("customers-owners"), new ResourceGroupLimits(4, 20, "1GB"));

  @TempDir static Path work;
  private static EmbeddedPostgresql postgres;
  private static Process trino;
  private static int trinoPort;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgresql.start();
    try (Connection admin = postgres.server().getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE USER trino_resource_groups PASSWORD '" + PASSWORD + "'");
      statement.execute("CREATE DATABASE trino_resource_groups OWNER trino_resource_groups");
    }
    trino = startTrino();
  }

  @AfterAll
  static void stop() throws Exception {
    if (trino != null) {
      trino.destroy();
      trino.waitFor();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void trinoCreatesItsTablesAndRoutesQueriesByTheGroupsWrittenThere() throws Exception {
    try (Connection database = resourceGroupsDatabase()) {
      assertThat(tables(database))
          .contains("resource_groups", "selectors", "resource_groups_global_properties");
      assertThat(groupOf("alice", null, null))
          .as("before any group is written")
          .contains("No selectors are configured");

      ResourceGroupsDatabase.replace(
          database, ENVIRONMENT, COMPILER.compile(List.of(SALES, CUSTOMERS)));
      awaitGroup("alice", "tributary-domain:sales", "global.domains.sales");
      assertThat(groupOf("tributary", null, null)).isEqualTo("global.platform");
      assertThat(groupOf("bob", null, null)).isEqualTo("global.other");

      ResourceGroupsDatabase.replace(database, ENVIRONMENT, COMPILER.compile(List.of(CUSTOMERS)));
      awaitGroup("alice", "tributary-domain:sales", "global.other");
      assertThat(groupOf("alice", ResourceGroups.PLATFORM_SOURCE, "tributary-domain:customers"))
          .isEqualTo("global.domains.customers");
    }
  }

  private static Process startTrino() throws Exception {
    Path home =
        Path.of(System.getProperty("tributary.repository", "."))
            .resolve("local-lakehouse/target/distribution/trino-server-476")
            .toAbsolutePath();
    assertThat(home.resolve("plugin/resource-group-managers"))
        .as("the local lakehouse's Trino; build it with ./mvnw package -DskipTests")
        .isDirectory();
    trinoPort = freePort();
    Path etc = Files.createDirectories(work.resolve("etc"));
    Files.createDirectories(etc.resolve("catalog"));
    Files.writeString(
        etc.resolve("config.properties"),
        String.join(
            "\n",
            "coordinator=true",
            "node-scheduler.include-coordinator=true",
            "node.environment=" + ENVIRONMENT,
            "node.id=resource-groups-it",
            "plugin.dir=" + home.resolve("plugin"),
            "catalog.config-dir=" + etc.resolve("catalog"),
            "http-server.http.port=" + trinoPort,
            "discovery.uri=http://127.0.0.1:" + trinoPort,
            "query.max-memory=256MB",
            "query.max-memory-per-node=128MB",
            ""));
    // As the chart renders them for the coordinator.
    Files.writeString(
        etc.resolve("resource-groups.properties"),
        String.join(
            "\n",
            "resource-groups.configuration-manager=db",
            "resource-groups.config-db-url=" + resourceGroupsUrl(),
            "resource-groups.config-db-user=trino_resource_groups",
            "resource-groups.config-db-password=${ENV:TRIBUTARY_RESOURCE_GROUPS_PASSWORD}",
            "resource-groups.db-migrations-enabled=true",
            "resource-groups.refresh-interval=1s",
            ""));
    Files.writeString(etc.resolve("log.properties"), "io.trino=WARN\n");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-cp",
                home.resolve("lib") + "/*",
                "-Xmx768M",
                "-XX:+UseG1GC",
                "-XX:+EnableDynamicAgentLoading",
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-Djdk.attach.allowAttachSelf=true",
                "-Dfile.encoding=UTF-8",
                "-Dconfig=" + etc.resolve("config.properties"),
                "-Dlog.levels-file=" + etc.resolve("log.properties"),
                "io.trino.server.TrinoServer")
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("trino.log").toFile());
    builder.environment().put("TRIBUTARY_RESOURCE_GROUPS_PASSWORD", PASSWORD);
    Process started = builder.start();
    awaitStarted(started);
    return started;
  }

  private static void awaitStarted(Process process) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest info =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + trinoPort + "/v1/info")).build();
    Instant deadline = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "Trino stopped while starting:\n" + Files.readString(work.resolve("trino.log")));
      }
      try {
        HttpResponse<String> response = client.send(info, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"starting\":false")) {
          return;
        }
      } catch (IOException notListeningYet) {
        // Trino opens its port late in its start.
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "Trino did not start in " + PATIENCE + ":\n" + Files.readString(work.resolve("trino.log")));
  }

  private static String resourceGroupsUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.server().getPort() + "/trino_resource_groups";
  }

  private static Connection resourceGroupsDatabase() throws SQLException {
    return DriverManager.getConnection(resourceGroupsUrl(), "trino_resource_groups", PASSWORD);
  }

  private static List<String> tables(Connection connection) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rows =
        connection.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
      while (rows.next()) {
        tables.add(rows.getString("TABLE_NAME"));
      }
    }
    return tables;
  }

  /** Trino rereads the tables every second; waits until it routes the query as expected. */
  private static void awaitGroup(String user, String domainTag, String expected) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    String group = groupOf(user, ResourceGroups.PLATFORM_SOURCE, domainTag);
    while (!expected.equals(group) && Instant.now().isBefore(deadline)) {
      Thread.sleep(250);
      group = groupOf(user, ResourceGroups.PLATFORM_SOURCE, domainTag);
    }
    assertThat(group).isEqualTo(expected);
  }

  /** The resource group a query of this user, source and client tag ran in, or Trino's refusal. */
  private static String groupOf(String user, String source, String clientTag) throws SQLException {
    String marker = "marker_" + Long.toHexString(System.nanoTime());
    Properties properties = new Properties();
    properties.setProperty("user", user);
    if (source != null) {
      properties.setProperty("source", source);
    }
    if (clientTag != null) {
      properties.setProperty("clientTags", clientTag);
    }
    try (Connection connection = DriverManager.getConnection(trinoUrl(), properties);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT '" + marker + "'")) {
      result.next();
    } catch (SQLException refused) {
      return refused.getMessage();
    }
    Properties service = new Properties();
    service.setProperty("user", "tributary");
    try (Connection connection = DriverManager.getConnection(trinoUrl(), service);
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT array_join(resource_group_id, '.') FROM system.runtime.queries"
                    + " WHERE query = 'SELECT ''"
                    + marker
                    + "'''")) {
      assertThat(result.next()).as("the query with %s in system.runtime.queries", marker).isTrue();
      return result.getString(1);
    }
  }

  private static String trinoUrl() {
    return "jdbc:trino://127.0.0.1:" + trinoPort + "/system/runtime";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
