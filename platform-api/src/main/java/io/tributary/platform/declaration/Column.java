package io.tributary.platform.declaration;

import java.util.Objects;
import java.util.Optional;

/**
 * One column of a product's table.
 *
 * <pre>
 * - {name: order_id, type: long, required: true, description: Order number, classification: pii}
 * </pre>
 *
 * @param name lower case, {@link Names#COLUMN}; unique within the table
 * @param type the Iceberg type
 * @param required whether every row must hold a value ({@code NOT NULL}); default false
 * @param description documentation shown to consumers; becomes the Iceberg column doc
 * @param classification a governance label such as {@code pii}, {@link Names#TAG}; compiled into
 *     Lake Formation tags by the policies module
 */
public record Column(
    String name,
    ColumnType type,
    boolean required,
    Optional<String> description,
    Optional<String> classification) {

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(classification, "classification");
  }

  /** An optional column without documentation, handy in code and tests. */
  public static Column optional(String name, ColumnType type) {
    return new Column(name, type, false, Optional.empty(), Optional.empty());
  }

  /** A required column without documentation. */
  public static Column required(String name, ColumnType type) {
    return new Column(name, type, true, Optional.empty(), Optional.empty());
  }
}
