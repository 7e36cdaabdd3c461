package io.tributary.platform.pipeline;

import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.ProductReference;
import io.tributary.platform.declaration.Source;
import io.tributary.platform.events.DecisionEvents;
import io.tributary.platform.registry.PageRequest;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.registry.RefreshRun;
import io.tributary.platform.registry.RunStatus;
import io.tributary.platform.registry.Ulid;
import io.tributary.platform.service.Documents;
import io.tributary.platform.usage.UsageSink;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Refreshes SQL-derived products: reads the inputs' current snapshot ids, runs the query pinned to
 * them, records the run before and after and what a successful one cost the engine (as {@link
 * UsageSink#PIPELINES}; a failed refresh's queries are not recorded), emits OpenLineage START and
 * COMPLETE/FAIL, and tells the {@link RefreshListener}s. One refresh per product at a time in this
 * process.
 */
public final class RefreshService {
  private static final Logger LOG = Logger.getLogger(RefreshService.class);

  /** How many of the latest runs are searched for the last successful one. */
  private static final int RECENT_RUNS_SEARCHED = 20;

  private final io.tributary.platform.registry.PlatformStore store;
  private final Materializer materializer;
  private final DecisionEvents events;
  private final Supplier<List<RefreshListener>> listeners;
  private final UsageSink usage;
  private final Clock clock;
  private final Ulid ulid;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  public RefreshService(
      io.tributary.platform.registry.PlatformStore store,
      Materializer materializer,
      DecisionEvents events,
      Supplier<List<RefreshListener>> listeners,
      UsageSink usage,
      Clock clock) {
    this.store = store;
    this.usage = usage;
    this.materializer = materializer;
    this.events = events;
    this.listeners = listeners;
    this.clock = clock;
    this.ulid = new Ulid(clock);
  }

  /** The product's source, when it is SQL-derived. */
  public static Optional<Source.Sql> sqlSource(ProductRecord product) {
    return Documents.storedProduct(product.document()).spec().source() instanceof Source.Sql sql
        ? Optional.of(sql)
        : Optional.empty();
  }

  /**
   * The inputs' current snapshot ids, keyed {@code domain.product}, looked up in the product's
   * domain. These frequent, metadata-only lookups are not recorded as usage.
   */
  public Map<String, Long> currentSnapshots(ProductRecord product, Source.Sql source) {
    return materializer
        .currentSnapshots(
            new ProductReference(product.domain(), product.product()), source.inputs())
        .snapshots();
  }

  /** Refreshes now, waiting for a refresh of the same product that is running. */
  public RefreshRun refresh(ProductRecord product, RefreshTrigger trigger) {
    ReentrantLock lock = lockOf(product);
    lock.lock();
    try {
      return run(product, trigger);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Refreshes because an input may have committed a snapshot (in AWS, a Glue table change that
   * EventBridge forwards, possibly more than once): runs only when the inputs' current snapshots
   * differ from those the latest successful refresh read, after waiting for a running refresh of
   * the product. Otherwise nothing runs and that successful refresh is the answer.
   */
  public RefreshRun refreshIfInputsChanged(ProductRecord product) {
    ReentrantLock lock = lockOf(product);
    lock.lock();
    try {
      Optional<RefreshRun> lastSucceeded = lastSucceeded(product);
      if (lastSucceeded.isPresent()
          && sqlSource(product)
              .map(source -> currentSnapshots(product, source))
              .filter(lastSucceeded.get().inputSnapshots()::equals)
              .isPresent()) {
        return lastSucceeded.get();
      }
      return run(product, RefreshTrigger.INPUT_CHANGED);
    } finally {
      lock.unlock();
    }
  }

  /** The newest successful refresh among the latest few; older history is not searched. */
  private Optional<RefreshRun> lastSucceeded(ProductRecord product) {
    return store
        .listRefreshRuns(
            product.domain(), product.product(), PageRequest.first(RECENT_RUNS_SEARCHED))
        .items()
        .stream()
        .filter(run -> run.status() == RunStatus.SUCCEEDED)
        .findFirst();
  }

  /**
   * Refreshes when {@code due} names a trigger, unless a refresh of the product is running; empty
   * when none ran. {@code due} is asked while holding the product's lock, so it sees the history of
   * any refresh that just finished.
   */
  public Optional<RefreshRun> refreshIfDue(
      ProductRecord product, Function<ProductRecord, Optional<RefreshTrigger>> due) {
    ReentrantLock lock = lockOf(product);
    if (!lock.tryLock()) {
      return Optional.empty();
    }
    try {
      return due.apply(product).map(trigger -> run(product, trigger));
    } finally {
      lock.unlock();
    }
  }

  private ReentrantLock lockOf(ProductRecord product) {
    return locks.computeIfAbsent(
        product.domain() + "." + product.product(), name -> new ReentrantLock());
  }

  private RefreshRun run(ProductRecord product, RefreshTrigger trigger) {
    DataProduct declaration = Documents.storedProduct(product.document());
    if (!(declaration.spec().source() instanceof Source.Sql sql)) {
      throw new IllegalArgumentException(
          product.domain() + "." + product.product() + " is not derived by SQL");
    }
    String id = ulid.next();
    Instant started = clock.instant();
    Map<String, Long> snapshots = Map.of();
    RefreshRun running = null;
    ProductReference target = new ProductReference(product.domain(), product.product());
    try {
      Materializer.Snapshots inputs = materializer.currentSnapshots(target, sql.inputs());
      snapshots = inputs.snapshots();
      running =
          new RefreshRun(
              product.domain(),
              product.product(),
              id,
              trigger.declaredName(),
              RunStatus.RUNNING,
              snapshots,
              null,
              0,
              0,
              started,
              null,
              null);
      store.putRefreshRun(running);
      events.emit(OpenLineageEvents.of(running, materializer.catalog()));
      String query =
          DerivedQuery.parse(sql.query(), sql.inputs()).pinned(materializer.catalog(), snapshots);
      Materializer.Materialization written =
          materializer.materialize(
              target,
              declaration.spec().table().columns(),
              declaration.spec().table().primaryKey(),
              sql.refresh(),
              query);
      usage.record(
          product.domain(),
          product.product(),
          UsageSink.PIPELINES,
          inputs.statistics().plus(written.statistics()));
      return finish(
          new RefreshRun(
              product.domain(),
              product.product(),
              id,
              trigger.declaredName(),
              RunStatus.SUCCEEDED,
              snapshots,
              written.outputSnapshot(),
              written.rowsWritten(),
              written.rowCount(),
              started,
              clock.instant(),
              null));
    } catch (RuntimeException failure) {
      LOG.warnf(
          "Refresh %s of %s.%s failed: %s",
          id, product.domain(), product.product(), failure.getMessage());
      RefreshRun failed =
          new RefreshRun(
              product.domain(),
              product.product(),
              id,
              trigger.declaredName(),
              RunStatus.FAILED,
              snapshots,
              null,
              0,
              0,
              started,
              clock.instant(),
              String.valueOf(failure.getMessage()));
      if (running == null) {
        // Failed before START was sent: OpenLineage still wants the run to begin before it fails.
        events.emit(
            OpenLineageEvents.of(
                new RefreshRun(
                    failed.domain(),
                    failed.product(),
                    id,
                    failed.trigger(),
                    RunStatus.RUNNING,
                    snapshots,
                    null,
                    0,
                    0,
                    started,
                    null,
                    null),
                materializer.catalog()));
      }
      return finish(failed);
    }
  }

  private RefreshRun finish(RefreshRun run) {
    store.putRefreshRun(run);
    events.emit(OpenLineageEvents.of(run, materializer.catalog()));
    LOG.infof(
        "Refresh %s of %s.%s (%s): %s, %d rows written, %d rows, %d ms",
        run.id(),
        run.domain(),
        run.product(),
        run.trigger(),
        run.status(),
        run.rowsWritten(),
        run.rowCount(),
        run.duration().toMillis());
    notifyListeners(run);
    return run;
  }

  // The one call site for what follows a refresh, such as quality checks.
  private void notifyListeners(RefreshRun run) {
    for (RefreshListener listener : listeners.get()) {
      try {
        listener.refreshed(run);
      } catch (RuntimeException failure) {
        LOG.warnf(
            "Refresh listener %s failed on %s.%s: %s",
            listener.getClass().getName(), run.domain(), run.product(), failure.toString());
      }
    }
  }
}
