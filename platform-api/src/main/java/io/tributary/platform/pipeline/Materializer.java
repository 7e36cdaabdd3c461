package io.tributary.platform.pipeline;

import io.tributary.platform.declaration.Column;
import io.tributary.platform.declaration.ProductReference;
import io.tributary.platform.declaration.Source;
import io.tributary.platform.query.QueryStatistics;
import java.util.List;
import java.util.Map;

/** The engine that reads snapshot ids and writes a derived product's rows. */
public interface Materializer {

  /** The catalog products are tables of, which qualifies the inputs in a query. */
  String catalog();

  /**
   * Each product's current Iceberg snapshot id, from its {@code $history} metadata table.
   *
   * @param reader the derived product whose refresh reads them: its domain runs (and pays for) the
   *     lookups
   */
  Snapshots currentSnapshots(ProductReference reader, List<ProductReference> products);

  /**
   * Writes the query's rows into the product's table.
   *
   * @param columns the table's columns, in order; the query must return columns of these names
   * @param primaryKey the key a merge matches rows on; may be empty for a full refresh
   * @param query the query, its inputs already qualified and pinned
   * @throws MaterializationException when the engine refuses or fails the write
   * @see RefreshStatements
   */
  Materialization materialize(
      ProductReference target,
      List<Column> columns,
      List<String> primaryKey,
      Source.Refresh refresh,
      String query);

  /**
   * What a write did.
   *
   * @param rowsWritten rows inserted, updated or deleted, as the engine counts them; {@link
   *     #UNKNOWN} when the engine does not report them
   * @param rowCount rows in the table after the write
   * @param outputSnapshot the table's snapshot after the write; null when it has none
   * @param statistics what the refresh's queries (lookups, write, count) cost the engine
   */
  record Materialization(
      long rowsWritten, long rowCount, Long outputSnapshot, QueryStatistics statistics) {
    /** The rows written, when the engine does not say. */
    public static final long UNKNOWN = -1;
  }

  /**
   * The current snapshots, and what looking them up cost the engine.
   *
   * @param snapshots each product's current snapshot id, keyed {@code domain.product}; null for a
   *     table without one
   */
  record Snapshots(Map<String, Long> snapshots, QueryStatistics statistics) {}

  /** The engine refused or failed a refresh; the message is the engine's, for the run history. */
  final class MaterializationException extends RuntimeException {
    public MaterializationException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
