package io.tributary.platform.query;

import java.util.List;
import java.util.Objects;

/**
 * The table behind a product, as the engine names it, and its primary key.
 *
 * @param catalog the engine's catalog, for example {@code lakehouse}
 * @param schema the namespace, the product's domain
 * @param table the table, the product's name
 * @param primaryKey the columns that identify a row, in order; empty when unknown, and then pages
 *     are ordered by every column
 */
public record TableReference(String catalog, String schema, String table, List<String> primaryKey) {

  public TableReference {
    for (String part : List.of(catalog, schema, table)) {
      if (!Identifiers.isValid(part)) {
        throw new IllegalArgumentException("'%s' cannot name a table part".formatted(part));
      }
    }
    primaryKey = List.copyOf(primaryKey);
    primaryKey.forEach(
        column -> {
          if (!Identifiers.isValid(column)) {
            throw new IllegalArgumentException("'%s' cannot be a key column".formatted(column));
          }
        });
  }

  /** The table's quoted, fully qualified name. */
  public String qualifiedName() {
    return qualified(table);
  }

  /**
   * One of the table's metadata tables ({@code history}, {@code snapshots}), quoted: Iceberg
   * exposes them as {@code "table$history"}.
   */
  public String metadataTable(String name) {
    Objects.requireNonNull(name);
    return qualified(table + "$" + name);
  }

  /** The name clients read in messages: {@code catalog.schema.table}. */
  public String displayName() {
    return catalog + "." + schema + "." + table;
  }

  private String qualified(String tableName) {
    return Identifiers.quote(catalog)
        + "."
        + Identifiers.quote(schema)
        + "."
        + Identifiers.quote(tableName);
  }
}
