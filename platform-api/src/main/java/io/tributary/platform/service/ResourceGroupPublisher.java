package io.tributary.platform.service;

import io.quarkus.runtime.StartupEvent;
import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.declaration.Domain;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.policies.trino.ResourceGroupLimits;
import io.tributary.policies.trino.ResourceGroups;
import io.tributary.policies.trino.ResourceGroupsDatabase;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Writes the domains' Trino resource groups (their declared {@code costs.trino} limits) where
 * Trino's {@code db} resource-group manager reads them, on every publish of the access rules and
 * once the API has started.
 */
@ApplicationScoped
public class ResourceGroupPublisher {
  private static final Logger LOG = Logger.getLogger(ResourceGroupPublisher.class);

  @Inject PlatformConfig config;
  // Looked up when first used: observing startup creates this bean, and a registry client made
  // then would connect during the Lambda's init.
  @Inject Instance<PlatformStore> store;

  private final ScheduledExecutorService startup =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "resource-groups-startup");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * Writes the current domains' groups once the API has started. Trino's manager runs no query
   * while its tables hold no group, which is how Trino creates them on PostgreSQL, and nothing else
   * writes them until a domain or a caller's groups change. Trino may create its tables after the
   * API has started, so a failure is tried again after {@code tributary.grants.retry-delay}.
   */
  void start(@Observes StartupEvent started) {
    if (enabled() && config.trino().resourceGroups().publishAtStart()) {
      startup.execute(this::publishCurrentDomains);
    }
  }

  @PreDestroy
  void stop() {
    startup.shutdownNow();
  }

  private void publishCurrentDomains() {
    try {
      synchronized (this) {
        // Read under the lock: a publish of newer domains is never overwritten with older ones.
        publish(store.get().allDomains());
      }
      LOG.info("Wrote Trino's resource groups of the current domains");
    } catch (RuntimeException e) {
      Duration delay = config.grants().retryDelay();
      LOG.warnf("%s; trying again in %s", e.getMessage(), delay);
      try {
        startup.schedule(this::publishCurrentDomains, delay.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopped) {
        // The API is stopping.
      }
    }
  }

  /** Whether a database to write into is configured. */
  public boolean enabled() {
    return config.trino().resourceGroups().jdbcUrl().isPresent();
  }

  /** The resource groups of these domains. */
  public ResourceGroups.Configuration compile(List<DomainRecord> domains) {
    List<ResourceGroups.DomainGroup> groups = new ArrayList<>();
    for (DomainRecord domain : domains) {
      Domain.TrinoLimits limits;
      try {
        limits = Documents.storedDomain(domain.document()).spec().costs().trino();
      } catch (RuntimeException unreadable) {
        // One domain's unreadable declaration must not take every other domain's limits away.
        LOG.errorf(
            unreadable, "[%s] No resource group: its declaration cannot be read", domain.name());
        continue;
      }
      groups.add(
          new ResourceGroups.DomainGroup(
              domain.name(),
              Stream.concat(domain.ownerGroups().stream(), domain.memberGroups().stream()).toList(),
              new ResourceGroupLimits(
                  limits.maxConcurrentQueries(),
                  limits.maxQueuedQueries(),
                  limits.softMemoryLimit())));
    }
    return ResourceGroups.withDefaultLimits(config.trino().serviceUser()).compile(groups);
  }

  /**
   * Replaces the resource groups with those of these domains; nothing when not configured. One
   * replacement at a time, so the startup's and the access rules' publishes do not interleave.
   */
  public synchronized void publish(List<DomainRecord> domains) {
    PlatformConfig.ResourceGroups target = config.trino().resourceGroups();
    if (target.jdbcUrl().isEmpty()) {
      return;
    }
    ResourceGroups.Configuration configuration = compile(domains);
    // DriverManager found its drivers through the first application's loader; a Quarkus
    // application restarted in the same JVM must register its own (loading one registers it).
    ServiceLoader.load(Driver.class, ResourceGroupPublisher.class.getClassLoader()).stream()
        .forEach(ServiceLoader.Provider::get);
    try (Connection connection =
        DriverManager.getConnection(
            target.jdbcUrl().get(), target.user().orElse(null), target.password().orElse(null))) {
      ResourceGroupsDatabase.replace(connection, target.environment(), configuration);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot write Trino's resource groups: " + e.getMessage(), e);
    }
    LOG.debugf("Wrote the resource groups of %d domains", domains.size());
  }
}
