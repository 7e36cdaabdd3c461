package io.tributary.policies.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.policies.testing.EmbeddedPostgresql;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ResourceGroupsDatabase} on a real PostgreSQL server, in the tables Trino 476's {@code db}
 * resource-group manager creates there on start (its own migration scripts, run in order), as the
 * helm chart deploys it: the platform API writes the domains' groups, Trino reads them.
 */
class ResourceGroupsDatabasePostgresqlTest {
  private static final String ENVIRONMENT = "tributary";
  private static final ResourceGroups COMPILER = ResourceGroups.withDefaultLimits("tributary");
  private static final ResourceGroups.DomainGroup SALES =
      new ResourceGroups.DomainGroup(
          "sales",
          List.of("sales-owners", "sales-analysts"),
          new ResourceGroupLimits(2, 10, "30%"));
  private static final ResourceGroups.DomainGroup CUSTOMERS =
      new ResourceGroups.DomainGroup(
          "customers", List.of("customers-owners"), new ResourceGroupLimits(4, 20, "1GB"));

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgresql postgres;

  @BeforeAll
  static void start() throws IOException {
    postgres = EmbeddedPostgresql.start();
  }

  @AfterAll
  static void stop() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void replacingTwoDomainsWithOneLeavesExactlyThatDomainsGroups() throws Exception {
    try (Connection connection = freshDatabase()) {
      migrateAsTrinoDoes(connection);
      ResourceGroupsDatabase.replace(connection, "other-environment", COMPILER.base());
      ResourceGroupsDatabase.replace(
          connection, ENVIRONMENT, COMPILER.compile(List.of(SALES, CUSTOMERS)));
      assertThat(groups(connection))
          .containsExactly(
              "customers domains 4 20 1GB",
              "domains global 100 1000 100%",
              "global null 100 1000 100%",
              "other global 5 50 20%",
              "platform global 20 200 100%",
              "sales domains 2 10 30%");

      ResourceGroupsDatabase.replace(connection, ENVIRONMENT, COMPILER.compile(List.of(SALES)));

      assertThat(groups(connection))
          .containsExactly(
              "domains global 100 1000 100%",
              "global null 100 1000 100%",
              "other global 5 50 20%",
              "platform global 20 200 100%",
              "sales domains 2 10 30%");
      assertThat(selectors(connection))
          .containsExactly(
              "platform tributary null null null",
              "sales null null tributary-platform [\"tributary-domain:sales\"]",
              "sales null (sales-analysts|sales-owners) null null",
              "other null null null null");
      assertThat(
              rows(
                  connection,
                  "SELECT count(*) FROM selectors s JOIN resource_groups g"
                      + " ON s.resource_group_id = g.resource_group_id WHERE g.environment = 'tributary'"))
          .as("no selector of the replaced configuration is left")
          .containsExactly("4");
      assertThat(
              rows(
                  connection,
                  "SELECT count(*) FROM resource_groups WHERE environment = 'other-environment'"))
          .as("another environment's groups are left alone")
          .containsExactly("3");
    }
  }

  @Test
  void refusesToWriteBeforeTrinoHasCreatedItsTablesAndCreatesNoneThatWouldBreakItsMigrations()
      throws Exception {
    try (Connection connection = freshDatabase()) {
      assertThatThrownBy(
              () -> ResourceGroupsDatabase.replace(connection, ENVIRONMENT, COMPILER.base()))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("[resource_groups, selectors] are missing")
          .hasMessageContaining("resource-groups.db-migrations-enabled=true");
      assertThat(rows(connection, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
          .containsExactly("0");

      // Trino, starting later, creates its tables; then the groups are written.
      migrateAsTrinoDoes(connection);
      ResourceGroupsDatabase.replace(connection, ENVIRONMENT, COMPILER.base());
      assertThat(groups(connection))
          .containsExactly(
              "global null 100 1000 100%", "other global 5 50 20%", "platform global 20 200 100%");
    }
  }

  @Test
  void replicasPublishingAtOnceLeaveOneWholeConfiguration() throws Exception {
    String database = createDatabase();
    try (Connection connection = connect(database)) {
      migrateAsTrinoDoes(connection);
    }
    Map<String, ResourceGroups.Configuration> configurations =
        Map.of(
            "sales", COMPILER.compile(List.of(SALES)),
            "customers", COMPILER.compile(List.of(CUSTOMERS)));
    ExecutorService replicas = Executors.newFixedThreadPool(2);
    try {
      List<Future<Void>> runs = new ArrayList<>();
      for (ResourceGroups.Configuration configuration : configurations.values()) {
        Callable<Void> replica =
            () -> {
              try (Connection connection = connect(database)) {
                for (int run = 0; run < 25; run++) {
                  ResourceGroupsDatabase.replace(connection, ENVIRONMENT, configuration);
                }
              }
              return null;
            };
        runs.add(replicas.submit(replica));
      }
      for (Future<Void> run : runs) {
        run.get();
      }
    } finally {
      replicas.shutdownNow();
    }

    try (Connection connection = connect(database)) {
      List<String> groups = groups(connection);
      assertThat(groups).hasSize(5);
      String domain = groups.contains("sales domains 2 10 30%") ? "sales" : "customers";
      try (Connection expected = freshDatabase()) {
        migrateAsTrinoDoes(expected);
        ResourceGroupsDatabase.replace(expected, ENVIRONMENT, configurations.get(domain));
        assertThat(groups).containsExactlyElementsOf(groups(expected));
        assertThat(selectors(connection)).containsExactlyElementsOf(selectors(expected));
      }
    }
  }

  /** A database of its own for each test, on the one server. */
  private static Connection freshDatabase() throws SQLException {
    return connect(createDatabase());
  }

  private static String createDatabase() throws SQLException {
    String name = "resource_groups_" + DATABASES.incrementAndGet();
    try (Connection admin = postgres.server().getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  private static Connection connect(String database) throws SQLException {
    return postgres.server().getDatabase("postgres", database).getConnection();
  }

  /**
   * Runs the PostgreSQL migrations of Trino's resource-group manager, in version order, as its
   * coordinator does on start when {@code resource-groups.db-migrations-enabled} is on.
   */
  private static void migrateAsTrinoDoes(Connection connection) throws Exception {
    URL first =
        ResourceGroupsDatabasePostgresqlTest.class
            .getClassLoader()
            .getResource("db/migration/postgresql/V1__add_resource_groups_global_properties.sql");
    assertThat(first).as("Trino's migrations on the test class path").isNotNull();
    URI jar = first.toURI();
    FileSystem fileSystem = jarFileSystem(jar);
    Path folder = fileSystem.provider().getPath(jar).getParent();
    List<Path> scripts;
    try (Stream<Path> files = Files.list(folder)) {
      scripts =
          files
              .filter(file -> file.getFileName().toString().endsWith(".sql"))
              .sorted(Comparator.comparingInt(ResourceGroupsDatabasePostgresqlTest::version))
              .toList();
    }
    assertThat(scripts).hasSize(8);
    try (Statement statement = connection.createStatement()) {
      for (Path script : scripts) {
        statement.execute(Files.readString(script));
      }
    }
  }

  private static FileSystem jarFileSystem(URI jar) throws IOException, URISyntaxException {
    try {
      return FileSystems.getFileSystem(jar);
    } catch (FileSystemNotFoundException notOpenYet) {
      return FileSystems.newFileSystem(jar, Map.of());
    }
  }

  private static int version(Path script) {
    String name = script.getFileName().toString();
    return Integer.parseInt(name.substring(1, name.indexOf("__")));
  }

  /** The environment's groups: name, parent, concurrency, queue, memory. */
  private static List<String> groups(Connection connection) throws SQLException {
    return rows(
        connection,
        "SELECT g.name, p.name, g.hard_concurrency_limit, g.max_queued, g.soft_memory_limit"
            + " FROM resource_groups g LEFT JOIN resource_groups p"
            + " ON g.parent = p.resource_group_id WHERE g.environment = 'tributary'"
            + " ORDER BY g.name");
  }

  /** The environment's selectors in the order Trino's manager tries them. */
  private static List<String> selectors(Connection connection) throws SQLException {
    return rows(
        connection,
        "SELECT g.name, s.user_regex, s.user_group_regex, s.source_regex, s.client_tags"
            + " FROM selectors s JOIN resource_groups g"
            + " ON s.resource_group_id = g.resource_group_id"
            + " WHERE g.environment = 'tributary' ORDER BY s.priority DESC");
  }

  private static List<String> rows(Connection connection, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> values = new ArrayList<>();
        for (int column = 1; column <= columns; column++) {
          values.add(String.valueOf(result.getString(column)));
        }
        rows.add(String.join(" ", values));
      }
    }
    return rows;
  }
}
