package io.tributary.platform.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tributary.platform.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sweeps every product's quality every {@code tributary.quality.schedule.interval}, which also
 * catches data going stale when nothing is committed. Kept apart from {@link QualityService} so
 * that starting the timer creates no store, catalog or engine client: the first sweep does.
 */
@ApplicationScoped
public class QualitySchedule {
  private static final Logger LOG = Logger.getLogger(QualitySchedule.class);

  @Inject PlatformConfig config;
  @Inject Instance<QualityService> quality;

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> Thread.ofPlatform().name("quality-schedule").daemon().unstarted(task));

  void start(@Observes StartupEvent started) {
    PlatformConfig.Quality.Schedule settings = config.quality().schedule();
    if (!settings.enabled()) {
      return;
    }
    long interval = settings.interval().toMillis();
    if (interval <= 0) {
      throw new IllegalStateException(
          "tributary.quality.schedule.interval must be positive, got " + settings.interval());
    }
    timer.scheduleWithFixedDelay(
        () -> quality.get().evaluateEveryProduct(), interval, interval, TimeUnit.MILLISECONDS);
    LOG.infof("Evaluating every product's quality every %s", settings.interval());
  }

  void stop(@Observes ShutdownEvent stopping) {
    timer.shutdownNow();
  }
}
