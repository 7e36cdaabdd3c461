package io.tributary.lakehouse.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * Writes rows as multi-row {@code INSERT INTO <catalog>.<domain>.<product> (...) VALUES ...}
 * statements for Trino. Each statement is one Iceberg commit, so rows go in batches: a statement
 * per row would make hundreds of snapshots, one for everything would be a statement Trino plans
 * slowly.
 */
public final class InsertStatements {

  /** Rows per statement by default: about a hundred kilobytes of SQL for the widest product. */
  public static final int DEFAULT_BATCH_SIZE = 500;

  private InsertStatements() {}

  /**
   * The statements inserting every row, in order, with the columns in declaration order. Every
   * literal is rendered for its declared type with quotes escaped, whatever the rows hold.
   *
   * @throws IllegalArgumentException when a row names an undeclared column, lacks a required value
   *     or holds a value of the wrong type
   */
  public static List<String> of(
      String catalog, SampleTable table, List<DeclaredColumn> columns, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("a batch holds at least one row, not " + batchSize);
    }
    List<String> declared = columns.stream().map(DeclaredColumn::name).toList();
    String prefix =
        "INSERT INTO "
            + DeclaredType.identifier(catalog)
            + "."
            + DeclaredType.identifier(table.domain())
            + "."
            + DeclaredType.identifier(table.product())
            + " "
            + declared.stream()
                .map(DeclaredType::identifier)
                .collect(Collectors.joining(", ", "(", ")"))
            + " VALUES\n";
    List<String> statements = new ArrayList<>();
    List<Map<String, Object>> rows = table.rows();
    for (int start = 0; start < rows.size(); start += batchSize) {
      StringJoiner values = new StringJoiner(",\n", prefix, "");
      for (int index = start; index < Math.min(start + batchSize, rows.size()); index++) {
        values.add(row(table, index, rows.get(index), columns, declared));
      }
      statements.add(values.toString());
    }
    return List.copyOf(statements);
  }

  private static String row(
      SampleTable table,
      int index,
      Map<String, Object> row,
      List<DeclaredColumn> columns,
      List<String> declared) {
    for (String name : row.keySet()) {
      if (!declared.contains(name)) {
        throw new IllegalArgumentException(
            "row %d of %s has a column '%s' that is not declared; declared: %s"
                .formatted(index, table.qualifiedName(), name, declared));
      }
    }
    StringJoiner literals = new StringJoiner(", ", "(", ")");
    for (DeclaredColumn column : columns) {
      Object value = row.get(column.name());
      if (value == null && column.required()) {
        throw new IllegalArgumentException(
            "row %d of %s has no value for the required column '%s'"
                .formatted(index, table.qualifiedName(), column.name()));
      }
      try {
        literals.add(column.type().literal(value));
      } catch (IllegalArgumentException wrongType) {
        throw new IllegalArgumentException(
            "row %d of %s, column '%s': %s"
                .formatted(index, table.qualifiedName(), column.name(), wrongType.getMessage()),
            wrongType);
      }
    }
    return literals.toString();
  }
}
