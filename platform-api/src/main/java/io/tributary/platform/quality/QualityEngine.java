package io.tributary.platform.quality;

import io.tributary.platform.query.QueryStatistics;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The port through which checks run: the platform's own engine identity, which may read every
 * product, so a check sees all rows whatever the grants.
 */
public interface QualityEngine {

  /** The catalog products are tables of, which qualifies the tables checks read. */
  String catalog();

  /**
   * Runs a query that returns one row of one numeric column.
   *
   * @param domain the domain of the product checked: where the engine runs and bills the query (its
   *     resource group on Trino, its workgroup on Athena)
   * @throws QualityQueryException when the engine refuses or fails the query, or the value is not a
   *     number
   */
  Answer scalar(String domain, String sql);

  /**
   * A query's value and cost.
   *
   * @param value the value; empty when the query returned no row or a null
   * @param statistics what the engine reports the query cost
   */
  record Answer(Optional<BigDecimal> value, QueryStatistics statistics) {}
}
