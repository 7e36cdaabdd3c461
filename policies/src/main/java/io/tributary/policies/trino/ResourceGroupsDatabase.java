package io.tributary.policies.trino;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a resource-group configuration into the tables of Trino's {@code db} resource-group
 * manager, which rereads them every {@code resource-groups.refresh-interval} (1 s by default): a
 * domain's new limits apply without restarting Trino.
 *
 * <p>Who creates the tables depends on the database. On PostgreSQL, MySQL and Oracle the manager
 * creates and upgrades them itself when the coordinator starts ({@code
 * resource-groups.db-migrations-enabled}, on by default): {@link #replace} then only writes rows,
 * and refuses while the tables are missing, because tables created here first would make those
 * migrations fail (they add columns these tables already have). Other databases (H2, the local
 * lakehouse's) are beyond the manager's migrations; there the tables are created here, in its
 * layout (version 8), and the coordinator runs with {@code
 * resource-groups.db-migrations-enabled=false}.
 */
public final class ResourceGroupsDatabase {
  private ResourceGroupsDatabase() {}

  private static final List<String> SCHEMA =
      List.of(
          """
          CREATE TABLE IF NOT EXISTS resource_groups_global_properties (
            name VARCHAR(128) NOT NULL PRIMARY KEY,
            value VARCHAR(512) NULL)""",
          """
          CREATE TABLE IF NOT EXISTS resource_groups (
            resource_group_id BIGINT NOT NULL PRIMARY KEY,
            name VARCHAR(250) NOT NULL,
            soft_memory_limit VARCHAR(128) NULL,
            max_queued INT NOT NULL,
            soft_concurrency_limit INT NULL,
            hard_concurrency_limit INT NOT NULL,
            scheduling_policy VARCHAR(128) NULL,
            scheduling_weight INT NULL,
            jmx_export BOOLEAN NULL,
            soft_cpu_limit VARCHAR(128) NULL,
            hard_cpu_limit VARCHAR(128) NULL,
            parent BIGINT NULL,
            environment VARCHAR(128) NULL)""",
          """
          CREATE TABLE IF NOT EXISTS selectors (
            id BIGINT NOT NULL PRIMARY KEY,
            resource_group_id BIGINT NOT NULL,
            priority BIGINT NOT NULL,
            user_regex VARCHAR(512),
            source_regex VARCHAR(512),
            original_user_regex VARCHAR(512),
            authenticated_user_regex VARCHAR(512),
            query_type VARCHAR(512),
            client_tags VARCHAR(512),
            selector_resource_estimate VARCHAR(1024),
            user_group_regex VARCHAR(2048))""",
          """
          CREATE TABLE IF NOT EXISTS exact_match_source_selectors (
            environment VARCHAR(128),
            source VARCHAR(512) NOT NULL,
            query_type VARCHAR(512),
            update_time TIMESTAMP NOT NULL,
            resource_group_id VARCHAR(256) NOT NULL,
            PRIMARY KEY (environment, source, resource_group_id))""");

  /** The products whose tables Trino's manager creates itself, as JDBC names them. */
  private static final Set<String> MIGRATED_BY_TRINO = Set.of("PostgreSQL", "MySQL", "Oracle");

  /**
   * Creates the manager's tables when they are missing, for a database the manager does not
   * migrate; in SQL that H2 and PostgreSQL accept alike.
   */
  public static void createTables(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : SCHEMA) {
        statement.execute(sql);
      }
    }
  }

  /** Whether the environment has any resource group yet. */
  public static boolean hasGroups(Connection connection, String environment) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT count(*) FROM resource_groups WHERE environment = ?")) {
      statement.setString(1, environment);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1) > 0;
      }
    }
  }

  /**
   * Replaces the environment's groups and selectors with this configuration in one transaction, so
   * Trino never reads half of it.
   *
   * @param environment Trino's {@code node.environment}, which the manager reads rows of
   */
  public static void replace(
      Connection connection, String environment, ResourceGroups.Configuration configuration)
      throws SQLException {
    prepareTables(connection);
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      lockAgainstOtherWriters(connection);
      try (PreparedStatement deleteSelectors =
              connection.prepareStatement(
                  "DELETE FROM selectors WHERE resource_group_id IN"
                      + " (SELECT resource_group_id FROM resource_groups WHERE environment = ?)");
          PreparedStatement deleteGroups =
              connection.prepareStatement("DELETE FROM resource_groups WHERE environment = ?")) {
        deleteSelectors.setString(1, environment);
        deleteSelectors.executeUpdate();
        deleteGroups.setString(1, environment);
        deleteGroups.executeUpdate();
      }
      // Ids continue from the highest ever used, so Trino never mistakes a new group for an old.
      AtomicLong nextGroupId =
          new AtomicLong(maximum(connection, "resource_groups", "resource_group_id") + 1);
      java.util.Map<String, Long> ids = new java.util.HashMap<>();
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO resource_groups (resource_group_id, name, soft_memory_limit,"
                  + " max_queued, hard_concurrency_limit, parent, environment)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (ResourceGroups.Group group : configuration.rootGroups()) {
          insertGroup(insert, group, null, group.name(), environment, nextGroupId, ids);
        }
      }
      long nextSelectorId = maximum(connection, "selectors", "id") + 1;
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO selectors (id, resource_group_id, priority, user_regex,"
                  + " user_group_regex, source_regex, client_tags) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        List<ResourceGroups.Selector> selectors = configuration.selectors();
        for (int index = 0; index < selectors.size(); index++) {
          ResourceGroups.Selector selector = selectors.get(index);
          Long groupId = ids.get(selector.group());
          if (groupId == null) {
            throw new IllegalArgumentException(
                "A selector names the group '%s', which the configuration does not have"
                    .formatted(selector.group()));
          }
          insert.setLong(1, nextSelectorId++);
          insert.setLong(2, groupId);
          // The manager tries selectors by descending priority.
          insert.setLong(3, selectors.size() - index);
          setOptional(insert, 4, selector.user().orElse(null));
          setOptional(insert, 5, selector.userGroup().orElse(null));
          setOptional(insert, 6, selector.source().orElse(null));
          setOptional(
              insert, 7, selector.clientTags().isEmpty() ? null : tags(selector.clientTags()));
          insert.executeUpdate();
        }
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * Whether Trino's manager creates the tables in this database itself: {@code
   * resource-groups.db-migrations-enabled} applies to PostgreSQL, MySQL and Oracle only.
   */
  public static boolean migratedByTrino(Connection connection) throws SQLException {
    return MIGRATED_BY_TRINO.contains(connection.getMetaData().getDatabaseProductName());
  }

  private static void prepareTables(Connection connection) throws SQLException {
    if (!migratedByTrino(connection)) {
      createTables(connection);
      return;
    }
    List<String> missing = new ArrayList<>();
    for (String table : List.of("resource_groups", "selectors")) {
      if (!tableExists(connection, table)) {
        missing.add(table);
      }
    }
    if (!missing.isEmpty()) {
      throw new SQLException(
          ("Trino's resource-group tables %s are missing in %s: the Trino coordinator creates them"
                  + " when it starts with resource-groups.configuration-manager=db and"
                  + " resource-groups.db-migrations-enabled=true; they are written once it has")
              .formatted(missing, connection.getMetaData().getURL()));
    }
  }

  private static boolean tableExists(Connection connection, String table) throws SQLException {
    DatabaseMetaData metadata = connection.getMetaData();
    for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
      try (ResultSet tables =
          metadata.getTables(connection.getCatalog(), null, name, new String[] {"TABLE"})) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Several platform API replicas publish at once. Each replacement reads the highest ids and
   * deletes what it sees; two interleaved ones would collide on ids or leave both configurations
   * behind. On PostgreSQL a lock that only writers take serializes them until commit; Trino's reads
   * take a weaker lock and go on. The other databases serve a single API here.
   */
  private static void lockAgainstOtherWriters(Connection connection) throws SQLException {
    if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("LOCK TABLE resource_groups IN SHARE ROW EXCLUSIVE MODE");
      }
    }
  }

  private static void insertGroup(
      PreparedStatement insert,
      ResourceGroups.Group group,
      Long parent,
      String path,
      String environment,
      AtomicLong nextGroupId,
      java.util.Map<String, Long> ids)
      throws SQLException {
    long id = nextGroupId.getAndIncrement();
    insert.setLong(1, id);
    insert.setString(2, group.name());
    insert.setString(3, group.limits().softMemoryLimit());
    insert.setInt(4, group.limits().maxQueued());
    insert.setInt(5, group.limits().hardConcurrencyLimit());
    if (parent == null) {
      insert.setNull(6, Types.BIGINT);
    } else {
      insert.setLong(6, parent);
    }
    insert.setString(7, environment);
    insert.executeUpdate();
    ids.put(path, id);
    for (ResourceGroups.Group child : group.subGroups()) {
      insertGroup(insert, child, id, path + "." + child.name(), environment, nextGroupId, ids);
    }
  }

  private static long maximum(Connection connection, String table, String column)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT max(" + column + ") FROM " + table)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static void setOptional(PreparedStatement statement, int index, String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  /** Client tags as the manager reads them: a JSON array of strings. */
  private static String tags(List<String> tags) {
    StringBuilder json = new StringBuilder("[");
    for (int index = 0; index < tags.size(); index++) {
      if (index > 0) {
        json.append(',');
      }
      json.append('"')
          .append(tags.get(index).replace("\\", "\\\\").replace("\"", "\\\""))
          .append('"');
    }
    return json.append(']').toString();
  }
}
