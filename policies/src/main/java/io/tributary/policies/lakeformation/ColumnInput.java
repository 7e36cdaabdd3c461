package io.tributary.policies.lakeformation;

import java.util.Objects;

/**
 * A column of a product as the compiler needs it.
 *
 * @param name the column's name in the Glue table
 * @param icebergType the declared Iceberg type ({@code long}, {@code decimal(10,2)}, {@code
 *     struct<...>}, ...): it decides which row filters Lake Formation can apply to the column
 * @param classification the column's classification ({@code pii}, ...), or null when it has none;
 *     it becomes the column's {@code classification} LF-Tag
 */
public record ColumnInput(String name, String icebergType, String classification) {
  public ColumnInput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(icebergType, "icebergType");
  }

  /** An unclassified column. */
  public static ColumnInput of(String name, String icebergType) {
    return new ColumnInput(name, icebergType, null);
  }
}
