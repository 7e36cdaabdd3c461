package io.tributary.platform.usage;

import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.query.QueryStatistics;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.UsageRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Keeps the engine statistics of every query the platform runs, in the registry under the domain of
 * the product read or written: the data endpoint's reads (the consumer is the reader), refreshes
 * ({@link UsageSink#PIPELINES}) and quality evaluations ({@link UsageSink#QUALITY}). Recording
 * never fails what it records: the rows have been served or written by then, and a lost usage item
 * is logged instead.
 */
@ApplicationScoped
public class UsageRecorder implements UsageSink {
  private static final Logger LOG = Logger.getLogger(UsageRecorder.class);

  @Inject PlatformStore store;
  @Inject PlatformConfig config;

  Clock clock = Clock.systemUTC();

  /**
   * Records one read (or refresh, or evaluation) of {@code domain.product} by {@code consumer}, if
   * the engine reported any query.
   */
  @Override
  public void record(String domain, String product, String consumer, QueryStatistics statistics) {
    if (statistics.queries() == 0) {
      return;
    }
    UsageRecord usage =
        new UsageRecord(
            domain,
            product,
            consumer,
            clock.instant(),
            statistics.lastQueryId(),
            statistics.queries(),
            statistics.bytesRead(),
            statistics.processedBytes(),
            statistics.cpuMillis(),
            statistics.wallMillis(),
            statistics.rows());
    try {
      store.recordUsage(usage, config.usage().retention());
    } catch (RuntimeException e) {
      LOG.warnf(e, "[%s] Could not record the usage of query %s", domain, usage.queryId());
    }
  }
}
