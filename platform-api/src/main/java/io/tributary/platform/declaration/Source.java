package io.tributary.platform.declaration;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How rows arrive in a product, declared with a {@code type}:
 *
 * <pre>
 * source: {type: ingest}      # the API's ingestion endpoint: upsert by primary key, append without one
 * source: {type: external}    # written by the domain's own jobs
 * source: {type: sql, inputs: [sales.orders], query: "SELECT ...", schedule: PT1H, refresh: merge}
 * </pre>
 */
public sealed interface Source {

  /** The {@code type} as declared. */
  String type();

  /** Rows are posted to the API's ingestion endpoint. */
  record Ingest() implements Source {
    @Override
    public String type() {
      return "ingest";
    }
  }

  /** Rows are written by the domain's own jobs; the platform only owns the table. */
  record External() implements Source {
    @Override
    public String type() {
      return "external";
    }
  }

  /**
   * Rows are derived from other products by a query.
   *
   * @param inputs the products the query reads; at least one, never the product itself
   * @param query the SELECT whose rows become the product
   * @param schedule how often it runs, an ISO-8601 duration such as {@code PT1H}
   * @param refresh {@code full} (default) replaces the rows; {@code merge} upserts by primary key,
   *     so it needs one
   */
  record Sql(List<ProductReference> inputs, String query, Duration schedule, Refresh refresh)
      implements Source {
    public Sql {
      inputs = List.copyOf(inputs);
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(schedule, "schedule");
      Objects.requireNonNull(refresh, "refresh");
    }

    @Override
    public String type() {
      return "sql";
    }
  }

  /** How a SQL source writes its result. */
  enum Refresh {
    FULL,
    MERGE;

    public String declaredName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
