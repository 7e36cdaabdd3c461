package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** trino-jdbc, with a token from {@code ./tributary token}, writes, merges and time-travels. */
@ExtendWith(SharedLakehouse.class)
class TrinoJdbcIT {

  @Test
  void insertsMergesReadsBackAndListsTheCommits() throws Exception {
    Tributary stack = SharedLakehouse.stack();
    String schema = "lakehouse." + SharedLakehouse.uniqueName("jdbc");
    try (Connection connection = stack.connect("tributary");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
      statement.execute(
          "CREATE TABLE %s.customers (id bigint, name varchar, tier varchar)".formatted(schema));
      statement.execute(
          "INSERT INTO %s.customers VALUES (1, 'Ada', 'gold'), (2, 'Alan', 'silver')"
              .formatted(schema));
      int afterInsert = snapshots(statement, schema).size();

      int merged =
          statement.executeUpdate(
              """
              MERGE INTO %s.customers t
              USING (VALUES (2, 'Alan', 'gold'), (3, 'Grace', 'bronze')) AS s (id, name, tier)
              ON t.id = s.id
              WHEN MATCHED THEN UPDATE SET tier = s.tier
              WHEN NOT MATCHED THEN INSERT (id, name, tier) VALUES (s.id, s.name, s.tier)
              """
                  .formatted(schema));
      assertThat(merged).isEqualTo(2);

      Map<Long, String> tiers = new LinkedHashMap<>();
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT id, tier FROM %s.customers ORDER BY id".formatted(schema))) {
        while (rows.next()) {
          tiers.put(rows.getLong(1), rows.getString(2));
        }
      }
      assertThat(tiers)
          .containsExactly(Map.entry(1L, "gold"), Map.entry(2L, "gold"), Map.entry(3L, "bronze"));

      List<Long[]> snapshots = snapshots(statement, schema);
      assertThat(snapshots).hasSize(afterInsert + 1);
      Long[] latest = snapshots.getLast();
      Long[] previous = snapshots.get(snapshots.size() - 2);
      assertThat(latest[1]).as("the merge commit's parent").isEqualTo(previous[0]);

      // Time travel to the insert's snapshot still shows the rows before the merge.
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT count(*), max(tier) FROM %s.customers FOR VERSION AS OF %d"
                  .formatted(schema, previous[0]))) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getLong(1)).isEqualTo(2);
        assertThat(rows.getString(2)).isEqualTo("silver");
      }
    }
  }

  /** Each commit as {snapshot id, parent id}, oldest first. */
  private static List<Long[]> snapshots(Statement statement, String schema) throws Exception {
    List<Long[]> snapshots = new ArrayList<>();
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT snapshot_id, parent_id FROM %s.\"customers$snapshots\" ORDER BY committed_at"
                .formatted(schema))) {
      while (rows.next()) {
        long parent = rows.getLong(2);
        snapshots.add(new Long[] {rows.getLong(1), rows.wasNull() ? null : parent});
      }
    }
    return snapshots;
  }
}
