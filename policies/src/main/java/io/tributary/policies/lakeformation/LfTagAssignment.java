package io.tributary.policies.lakeformation;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * LF-Tags to attach with {@code AddLFTagsToResource}: to a table when {@code columns} is empty, or
 * to those columns of it.
 *
 * @param table the table
 * @param columns the tagged columns, sorted; empty to tag the table itself
 * @param tags one value per tag key
 */
public record LfTagAssignment(
    TableResource table, List<String> columns, SortedMap<String, String> tags) {
  public LfTagAssignment {
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(new TreeSet<>(columns));
    tags = new TreeMap<>(tags);
  }

  /**
   * A stable key: {@code database.table} for the table, {@code database.table.columns.key=value}
   * for its columns.
   */
  public String key() {
    if (columns.isEmpty()) {
      return table.qualifiedName();
    }
    StringBuilder key = new StringBuilder(table.qualifiedName()).append(".columns");
    tags.forEach((tagKey, value) -> key.append('.').append(tagKey).append('=').append(value));
    return key.toString();
  }
}
