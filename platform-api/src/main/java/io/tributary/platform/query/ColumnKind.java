package io.tributary.platform.query;

/**
 * What a column holds, as far as the row-filter language cares: which literals it may be compared
 * with. Nested and other values cannot appear in a filter.
 */
public enum ColumnKind {
  BOOLEAN,
  NUMBER,
  STRING,
  DATE,
  TIME,
  TIMESTAMP,
  BINARY,
  NESTED,
  OTHER
}
