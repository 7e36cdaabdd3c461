package io.tributary.policies.rowfilter;

import java.util.Locale;

/**
 * What the row-filter language needs to know about a column's type: which literals it may be
 * compared with.
 */
public enum ColumnKind {
  BOOLEAN,
  /** int and long. */
  INTEGER,
  DECIMAL,
  /** float and double. */
  FLOAT,
  STRING,
  DATE,
  /** timestamp without time zone. */
  TIMESTAMP,
  /**
   * Anything a filter cannot compare portably: nested types, binary, uuid, time, and timestamptz
   * (whose comparison with a literal depends on the engine's session time zone). Only IS [NOT] NULL
   * applies.
   */
  OTHER;

  /**
   * The kind of a column declared with an Iceberg type name as the declarations write it ({@code
   * long}, {@code decimal(10,2)}, {@code list<string>}, ...).
   */
  public static ColumnKind ofIcebergType(String icebergType) {
    String type = icebergType.strip().toLowerCase(Locale.ROOT);
    if (type.startsWith("decimal")) {
      return DECIMAL;
    }
    return switch (type) {
      case "boolean" -> BOOLEAN;
      case "int", "long" -> INTEGER;
      case "float", "double" -> FLOAT;
      case "string" -> STRING;
      case "date" -> DATE;
      case "timestamp" -> TIMESTAMP;
      default -> OTHER;
    };
  }

  boolean isNumeric() {
    return this == INTEGER || this == DECIMAL || this == FLOAT;
  }
}
