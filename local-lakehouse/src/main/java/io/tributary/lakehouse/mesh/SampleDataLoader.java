package io.tributary.lakehouse.mesh;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads generated rows into the example mesh's tables through SQL, the first time only: a table
 * that already has rows is left as it is, so that {@code up} after {@code down} keeps what the user
 * wrote and never doubles the sample.
 */
public final class SampleDataLoader {

  private final Connection connection;
  private final String catalog;
  private final PrintStream out;
  private final String indent;
  private final int batchSize;

  /**
   * @param connection to Trino, as a user who may write every product's table
   * @param catalog the catalog the domains are schemas of, {@code lakehouse}
   */
  public SampleDataLoader(
      Connection connection, String catalog, PrintStream out, String indent, int batchSize) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.out = Objects.requireNonNull(out, "out");
    this.indent = Objects.requireNonNull(indent, "indent");
    this.batchSize = batchSize;
  }

  /**
   * Loads every table whose product is declared and empty.
   *
   * @param declarations the example mesh, whose products give the columns and their types
   * @return how many tables could not be loaded
   */
  public int load(List<SampleTable> tables, List<DeclarationDocument> declarations) {
    int failed = 0;
    for (SampleTable table : tables) {
      if (!loadOne(table, declarations)) {
        failed++;
      }
    }
    return failed;
  }

  private boolean loadOne(SampleTable table, List<DeclarationDocument> declarations) {
    String name = catalog + "." + table.qualifiedName();
    Optional<DeclarationDocument> product =
        declarations.stream()
            .filter(DeclarationDocument::isDataProduct)
            .filter(document -> document.qualifiedName().equals(table.qualifiedName()))
            .findFirst();
    if (product.isEmpty()) {
      out.println(indent + name + ": not declared in the example mesh; no sample rows");
      return true;
    }
    long start = System.nanoTime();
    try (Statement statement = connection.createStatement()) {
      long existing = rowCount(statement, table);
      if (existing > 0) {
        out.println(indent + name + ": has " + existing + " rows already; left as it is");
        return true;
      }
      List<String> inserts =
          InsertStatements.of(catalog, table, DeclaredColumn.of(product.get()), batchSize);
      out.print(indent + name + ": loading " + table.rows().size() + " sample rows ");
      out.flush();
      for (String insert : inserts) {
        statement.execute(insert);
        // One dot per batch: a long load shows that it moves.
        out.print(".");
        out.flush();
      }
      out.println(String.format(Locale.ROOT, " done (%.1f s)", (System.nanoTime() - start) / 1e9));
      return true;
    } catch (SQLException | IllegalArgumentException failure) {
      out.println();
      out.println(indent + name + ": no sample rows loaded: " + failure.getMessage());
      return false;
    }
  }

  private long rowCount(Statement statement, SampleTable table) throws SQLException {
    String qualified =
        DeclaredType.identifier(catalog)
            + "."
            + DeclaredType.identifier(table.domain())
            + "."
            + DeclaredType.identifier(table.product());
    try (ResultSet result = statement.executeQuery("SELECT count(*) FROM " + qualified)) {
      result.next();
      return result.getLong(1);
    }
  }
}
