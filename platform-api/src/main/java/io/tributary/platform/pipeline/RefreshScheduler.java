package io.tributary.platform.pipeline;

import io.tributary.platform.declaration.Source;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.PageRequest;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.registry.ProductStatus;
import io.tributary.platform.registry.RefreshRun;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides which derived products to refresh, one pass at a time; the caller runs passes on a single
 * thread every few seconds. A product is refreshed when it was never refreshed ({@code declared}),
 * when its schedule is due since the last refresh started ({@code schedule}), or when an input's
 * current snapshot differs from what the last refresh read ({@code input-changed}). The last
 * refresh is the last attempt, failed or not: a refresh that fails on the same inputs is retried
 * when its schedule comes due, not on every pass.
 */
public final class RefreshScheduler {
  private static final Logger LOG = Logger.getLogger(RefreshScheduler.class);

  private final PlatformStore store;
  private final RefreshService refreshes;
  private final Clock clock;

  public RefreshScheduler(PlatformStore store, RefreshService refreshes, Clock clock) {
    this.store = store;
    this.refreshes = refreshes;
    this.clock = clock;
  }

  /** One pass over every derived product; returns the refreshes it ran. */
  public int pass() {
    int refreshed = 0;
    for (DomainRecord domain : store.allDomains()) {
      for (ProductRecord product : store.listProducts(domain.name())) {
        try {
          if (refreshIfDue(product)) {
            refreshed++;
          }
        } catch (RuntimeException failure) {
          // One product's trouble (such as its inputs' tables missing) must not stop the others.
          LOG.warnf(
              "Cannot decide whether to refresh %s.%s: %s",
              product.domain(), product.product(), failure.getMessage());
        }
      }
    }
    return refreshed;
  }

  private boolean refreshIfDue(ProductRecord product) {
    if (product.status() != ProductStatus.ACTIVE) {
      return false;
    }
    Optional<Source.Sql> source = RefreshService.sqlSource(product);
    if (source.isEmpty()) {
      return false;
    }
    return refreshes.refreshIfDue(product, candidate -> due(candidate, source.get())).isPresent();
  }

  private Optional<RefreshTrigger> due(ProductRecord product, Source.Sql source) {
    List<RefreshRun> last =
        store.listRefreshRuns(product.domain(), product.product(), PageRequest.first(1)).items();
    if (last.isEmpty()) {
      return Optional.of(RefreshTrigger.DECLARED);
    }
    RefreshRun previous = last.getFirst();
    Instant now = clock.instant();
    if (!previous.startedAt().plus(source.schedule()).isAfter(now)) {
      return Optional.of(RefreshTrigger.SCHEDULE);
    }
    Map<String, Long> current = refreshes.currentSnapshots(product, source);
    return current.equals(previous.inputSnapshots())
        ? Optional.empty()
        : Optional.of(RefreshTrigger.INPUT_CHANGED);
  }
}
