package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.lakehouse.StateLayout;
import io.tributary.lakehouse.trino.AccessControlFiles;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Trino enforces a new rules file and group file, without a restart, within its refresh period: a
 * row filter, a masked column and a denied column for a group; nothing for anyone else. This is
 * Trino alone: its users hold tokens the platform never sees, so the platform leaves the
 * hand-written files as they are.
 */
@ExtendWith(SharedLakehouse.class)
class AccessRulesIT {
  /** Trino reloads both files every second; this only bounds how long the test waits. */
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  /**
   * How Trino refuses: "Access Denied" for a table it shows, "not allowed" for a relation the user
   * may not even see (with hide-inaccessible-columns, as Lake Formation hides tables).
   */
  static final java.util.regex.Pattern DENIAL =
      java.util.regex.Pattern.compile("Access Denied|Relation not found or not allowed");

  static void isDenial(Throwable error) {
    assertThat(error.getMessage()).containsPattern(DENIAL);
  }

  private final Tributary stack = SharedLakehouse.stack();
  private final StateLayout layout = stack.settings().layout();

  private byte[] rulesBefore;
  private byte[] groupsBefore;

  @BeforeEach
  void rememberTheFilesThePlatformWrote() throws Exception {
    rulesBefore = java.nio.file.Files.readAllBytes(layout.accessRules());
    groupsBefore = java.nio.file.Files.readAllBytes(layout.groups());
  }

  @AfterEach
  void restoreThem() throws Exception {
    java.nio.file.Files.write(layout.accessRules(), rulesBefore);
    java.nio.file.Files.write(layout.groups(), groupsBefore);
  }

  @Test
  void groupGetsFilteredMaskedRowsWithoutDeniedColumnAndOthersAreDenied() throws Exception {
    String schema = SharedLakehouse.uniqueName("rules");
    String table = "lakehouse.%s.orders".formatted(schema);
    try (Connection service =
            stack.connect("tributary", stack.tokenUnknownToThePlatform("tributary"), Map.of());
        Statement statement = service.createStatement()) {
      statement.execute("CREATE SCHEMA lakehouse." + schema);
      statement.execute(
          "CREATE TABLE %s (id bigint, region varchar, email varchar, ssn varchar, amount double)"
              .formatted(table));
      statement.execute(
          ("INSERT INTO %s VALUES (1, 'EU', 'ada@example.com', '111', 10.0),"
                  + " (2, 'US', 'alan@example.com', '222', 20.0),"
                  + " (3, 'EU', 'grace@example.com', '333', 30.0)")
              .formatted(table));
    }

    try (Connection analyst =
        stack.connect("ana", stack.tokenUnknownToThePlatform("ana"), Map.of())) {
      assertThatThrownBy(() -> query(analyst, "SELECT * FROM " + table))
          .as("before the rules name her group, ana may not read the table")
          .isInstanceOf(SQLException.class)
          .satisfies(AccessRulesIT::isDenial);

      ObjectNode rules = AccessControlFiles.baseRules();
      ((ArrayNode) rules.get("catalogs"))
          .addObject()
          .put("group", "analysts")
          .put("catalog", "lakehouse")
          .put("allow", "read-only");
      ObjectNode grant =
          ((ArrayNode) rules.get("tables"))
              .insertObject(0)
              .put("group", "analysts")
              .put("catalog", "lakehouse")
              .put("schema", schema)
              .put("table", "orders")
              .put("filter", "region = 'EU'");
      grant.putArray("privileges").add("SELECT");
      ArrayNode columns = grant.putArray("columns");
      columns.addObject().put("name", "email").put("mask", "'***'");
      columns.addObject().put("name", "ssn").put("allow", false);
      Instant written = Instant.now();
      AccessControlFiles.writeRules(layout.accessRules(), rules);
      AccessControlFiles.writeGroups(layout.groups(), Map.of("analysts", Set.of("ana")));

      List<List<String>> rows =
          awaitReadable(analyst, "SELECT * FROM %s ORDER BY id".formatted(table));
      System.out.printf(
          "Rules took effect %d ms after they were written%n",
          Duration.between(written, Instant.now()).toMillis());

      assertThat(rows.getFirst())
          .as("columns of SELECT *")
          .containsExactly("id", "region", "email", "amount");
      assertThat(rows.subList(1, rows.size()))
          .containsExactly(List.of("1", "EU", "***", "10.0"), List.of("3", "EU", "***", "30.0"));
      assertThatThrownBy(() -> query(analyst, "SELECT ssn FROM " + table))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Access Denied: Cannot select from");
      assertThatThrownBy(() -> query(analyst, "DELETE FROM " + table))
          .isInstanceOf(SQLException.class)
          .satisfies(AccessRulesIT::isDenial);
    }

    try (Connection outsider =
        stack.connect("bob", stack.tokenUnknownToThePlatform("bob"), Map.of())) {
      assertThatThrownBy(() -> query(outsider, "SELECT * FROM " + table))
          .isInstanceOf(SQLException.class)
          .satisfies(AccessRulesIT::isDenial);

      // Group membership alone changes what bob gets, again without a restart.
      AccessControlFiles.writeGroups(layout.groups(), Map.of("analysts", Set.of("ana", "bob")));
      assertThat(awaitReadable(outsider, "SELECT count(*) FROM " + table).get(1))
          .containsExactly("2");
    }
  }

  private static List<List<String>> awaitReadable(Connection connection, String sql)
      throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      try {
        return query(connection, sql);
      } catch (SQLException denied) {
        if (Instant.now().isAfter(deadline) || !DENIAL.matcher(denied.getMessage()).find()) {
          throw denied;
        }
        Thread.sleep(200);
      }
    }
  }

  /** The header row, then every row, as strings. */
  static List<List<String>> query(Connection connection, String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData metadata = result.getMetaData();
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= metadata.getColumnCount(); i++) {
        header.add(metadata.getColumnName(i));
      }
      rows.add(header);
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
          row.add(result.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
