package io.tributary.platform.service;

import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.Sla;
import io.tributary.platform.quality.ProductChanged;
import io.tributary.platform.quality.QualityEngine;
import io.tributary.platform.quality.QualityEvaluator;
import io.tributary.platform.quality.TableState;
import io.tributary.platform.quality.Trigger;
import io.tributary.platform.query.TableReference;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.registry.ProductStatus;
import io.tributary.platform.registry.QualityEvaluation;
import io.tributary.platform.registry.QualityEvaluationEntry;
import io.tributary.platform.usage.UsageRecorder;
import io.tributary.platform.usage.UsageSink;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.jboss.logging.Logger;

/**
 * Evaluates products' quality checks and freshness, and stores each evaluation: after every
 * ingestion batch and refresh ({@link ProductChanged}), on a schedule ({@link QualitySchedule}),
 * and when an owner asks.
 *
 * <p>Evaluations run one at a time on one worker thread, so two evaluations of a product never race
 * and the latest stored is the latest run; the store keeps an out-of-order one in history only,
 * should an evaluation ever run elsewhere.
 */
@ApplicationScoped
public class QualityService {
  private static final Logger LOG = Logger.getLogger(QualityService.class);

  @Inject PlatformStore store;
  @Inject Catalog catalog;
  @Inject PlatformConfig config;
  @Inject QualityEngine engine;
  @Inject UsageRecorder usage;

  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          task -> Thread.ofPlatform().name("quality-evaluation").daemon().unstarted(task));

  // Not a ShutdownEvent observer: that would create the service (and its clients) just to stop it.
  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }

  /** Queues an evaluation of the changed product; the change's answer does not wait for it. */
  void onProductChanged(@Observes ProductChanged changed) {
    evaluateLater(changed.domain(), changed.product(), changed.trigger());
  }

  /**
   * Evaluates the product now (after any queued evaluation) and stores the result. This is the call
   * a refresh of a derived product makes after its commit, with {@link Trigger#REFRESH}.
   *
   * @return the stored evaluation; empty when the product is not declared or is retired
   */
  public Optional<QualityEvaluation> evaluate(String domain, String product, Trigger trigger) {
    try {
      return evaluateLater(domain, product, trigger).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while evaluating " + domain + "." + product, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Queues an evaluation; the future completes when it is stored. */
  public CompletableFuture<Optional<QualityEvaluation>> evaluateLater(
      String domain, String product, Trigger trigger) {
    return CompletableFuture.supplyAsync(() -> evaluateNow(domain, product, trigger), worker)
        .whenComplete(
            (stored, failure) -> {
              if (failure != null) {
                LOG.errorf(
                    failure,
                    "[%s] The %s evaluation of %s.%s failed",
                    domain,
                    trigger.displayName(),
                    domain,
                    product);
              }
            });
  }

  private Optional<QualityEvaluation> evaluateNow(String domain, String product, Trigger trigger) {
    Optional<ProductRecord> record = store.getProduct(domain, product);
    if (record.isEmpty() || record.get().status() == ProductStatus.RETIRED) {
      return Optional.empty();
    }
    DataProduct declaration = Documents.storedProduct(record.get().document());
    TableState state = tableState(domain, product);
    QualityEvaluator.Report report =
        new QualityEvaluator(engine)
            .evaluate(
                declaration.spec().quality(),
                new TableReference(engine.catalog(), domain, product, List.of()),
                state,
                declaration.spec().sla().map(Sla::freshness),
                Instant.now());
    usage.record(domain, product, UsageSink.QUALITY, report.statistics());
    QualityEvaluation stored =
        store.recordQualityEvaluation(
            new QualityEvaluationEntry(
                domain,
                product,
                state.snapshotId().isPresent() ? state.snapshotId().getAsLong() : null,
                state.committedAt().orElse(null),
                trigger.displayName(),
                report.status(),
                report.results()));
    LOG.infof(
        "[%s] %s.%s quality is %s after %s (snapshot %s)",
        domain,
        domain,
        product,
        report.status().displayName(),
        trigger.displayName(),
        stored.snapshotId());
    return Optional.of(stored);
  }

  private TableState tableState(String domain, String product) {
    try {
      Snapshot current = catalog.loadTable(TableIdentifier.of(domain, product)).currentSnapshot();
      return current == null
          ? TableState.empty()
          : TableState.at(current.snapshotId(), Instant.ofEpochMilli(current.timestampMillis()));
    } catch (NoSuchTableException notProvisionedYet) {
      return TableState.missing();
    }
  }

  /** One scheduled sweep: every active product of every domain, one domain after the other. */
  void evaluateEveryProduct() {
    try {
      for (DomainRecord domain : store.allDomains()) {
        // Waiting keeps a sweep slower than the interval from queueing the next one on top.
        evaluateDomain(domain.name(), Trigger.SCHEDULE)
            .exceptionally(failedOne -> null) // logged where it failed; the sweep goes on
            .join();
      }
    } catch (RuntimeException e) {
      // The next sweep tries again; a failed sweep must not end the schedule.
      LOG.error("The scheduled quality sweep failed", e);
    }
  }

  /**
   * Queues an evaluation of each of the domain's active products, as the schedule does for every
   * domain; the future completes when all are stored.
   */
  public CompletableFuture<Void> evaluateDomain(String domain, Trigger trigger) {
    return CompletableFuture.allOf(
        store.listProducts(domain).stream()
            .filter(product -> product.status() != ProductStatus.RETIRED)
            .map(product -> evaluateLater(domain, product.product(), trigger))
            .toArray(CompletableFuture[]::new));
  }
}
