package io.tributary.platform.usage;

import io.tributary.platform.query.QueryStatistics;

/**
 * Where the engine statistics of the platform's queries go, under the domain and product they read
 * or wrote and the consumer they ran for: a user for the data endpoint's reads, the platform's own
 * job ({@link #PIPELINES}, {@link #QUALITY}) for refreshes and quality checks.
 */
@FunctionalInterface
public interface UsageSink {
  /** The consumer of derived products' refreshes. */
  String PIPELINES = "tributary-pipelines";

  /** The consumer of quality evaluations' checks. */
  String QUALITY = "tributary-quality";

  /** Keeps nothing, for code run without a registry. */
  UsageSink NONE = (domain, product, consumer, statistics) -> {};

  /** Records one use; never fails the use it records. */
  void record(String domain, String product, String consumer, QueryStatistics statistics);
}
