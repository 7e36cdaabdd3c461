package io.tributary.platform.wiring;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tributary.platform.api.QueryBeans;
import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.events.DecisionEvents;
import io.tributary.platform.pipeline.Materializer;
import io.tributary.platform.pipeline.RefreshListener;
import io.tributary.platform.pipeline.RefreshScheduler;
import io.tributary.platform.pipeline.RefreshService;
import io.tributary.platform.pipeline.athena.AthenaMaterializer;
import io.tributary.platform.pipeline.trino.TrinoMaterializer;
import io.tributary.platform.query.athena.AthenaQueryEngine;
import io.tributary.platform.query.athena.AthenaStatements;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.usage.UsageRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Wires the refreshes of SQL-derived products on the engine {@code tributary.engine.type} names
 * (Trino as the service user, or Athena as the platform's identity in the domain's workgroup) and,
 * in the local topology, runs their scheduler on one thread ({@code
 * tributary.pipelines.scheduler.*}).
 */
@ApplicationScoped
public class PipelineBeans {
  private static final Logger LOG = Logger.getLogger(PipelineBeans.class);

  private ScheduledExecutorService scheduler;

  // Application-scoped: built on first use, never during startup (or the Lambda's snapshot).
  @Produces
  @ApplicationScoped
  Materializer materializer(PlatformConfig config) {
    return switch (config.engine().type()) {
      case "trino" ->
          new TrinoMaterializer(
              config.engine().jdbcUrl(),
              config.catalog().name(),
              config.trino().serviceUser(),
              QueryBeans.serviceTokens(config));
      case "athena" ->
          new AthenaMaterializer(() -> athenaStatements(config), athenaSettings(config));
      default ->
          throw new IllegalStateException(
              "tributary.engine.type must be trino or athena, not '%s'"
                  .formatted(config.engine().type()));
    };
  }

  /** Where and how the platform's own Athena statements run (tributary.athena.*). */
  public static AthenaQueryEngine.Settings athenaSettings(PlatformConfig config) {
    PlatformConfig.Athena athena = config.athena();
    return new AthenaQueryEngine.Settings(
        athena.workgroupTemplate(),
        athena.catalog(),
        athena.pollInterval(),
        athena.timeout(),
        athena.pageSize());
  }

  /** A client for the platform's own Athena statements, as the platform's identity. */
  public static AthenaStatements athenaStatements(PlatformConfig config) {
    return AthenaStatements.connect(
        config.aws().region(),
        Optional.ofNullable(config.aws().endpoints().get("athena")),
        config.athena().pollInterval(),
        config.athena().timeout());
  }

  void closeMaterializer(@Disposes Materializer materializer) {
    if (materializer instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Shutting down; nothing left to do with the failure.
      }
    }
  }

  @Produces
  @Singleton
  RefreshService refreshService(
      PlatformStore store,
      Materializer materializer,
      DecisionEvents events,
      Instance<RefreshListener> listeners,
      UsageRecorder usage) {
    return new RefreshService(
        store, materializer, events, () -> listeners.stream().toList(), usage, Clock.systemUTC());
  }

  void startScheduler(
      @Observes StartupEvent started,
      PlatformConfig config,
      Instance<PlatformStore> store,
      Instance<RefreshService> refreshes) {
    PlatformConfig.Pipelines.Scheduler settings = config.pipelines().scheduler();
    if (!settings.enabled()) {
      return;
    }
    // Resolved only when enabled: where it is off (the Lambda), startup creates no client.
    RefreshScheduler passes = new RefreshScheduler(store.get(), refreshes.get(), Clock.systemUTC());
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "tributary-refresh-scheduler");
              thread.setDaemon(true);
              return thread;
            });
    long interval = settings.interval().toMillis();
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            passes.pass();
          } catch (RuntimeException failure) {
            // A registry hiccup skips one pass; the next one tries again.
            LOG.warnf("Refresh scheduler pass failed: %s", failure.toString());
          }
        },
        interval,
        interval,
        TimeUnit.MILLISECONDS);
    LOG.infof("Refresh scheduler started, every %s", settings.interval());
  }

  void stopScheduler(@Observes ShutdownEvent stopping) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
