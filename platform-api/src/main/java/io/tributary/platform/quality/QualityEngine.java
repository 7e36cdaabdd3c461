package io.tributary.platform.quality;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The port through which checks run: the platform's own engine user, which may read every product,
 * so a check sees all rows whatever the grants.
 */
public interface QualityEngine {

  /**
   * Runs a query that returns one row of one numeric column.
   *
   * @return the value; empty when the query returned no row or a null
   * @throws QualityQueryException when the engine refuses or fails the query, or the value is not a
   *     number
   */
  Optional<BigDecimal> scalar(String sql);
}
