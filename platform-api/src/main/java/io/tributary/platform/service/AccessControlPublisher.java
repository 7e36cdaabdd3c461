package io.tributary.platform.service;

import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.declaration.Column;
import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.enforcement.AccessSnapshot;
import io.tributary.platform.enforcement.GrantEnforcer;
import io.tributary.platform.enforcement.GrantEnforcers;
import io.tributary.platform.enforcement.trino.TrinoRulesEnforcer;
import io.tributary.platform.registry.AccessRequestRecord;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.registry.ProductStatus;
import io.tributary.platform.registry.UserGroups;
import io.tributary.policies.grant.ColumnSelection;
import io.tributary.policies.grant.Grant;
import io.tributary.policies.grant.GrantSource;
import io.tributary.policies.grant.Principal;
import io.tributary.policies.grant.ProductColumns;
import io.tributary.policies.trino.DomainAccess;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reads the registry's access — domains' owners and members, every product's columns, zone and
 * classifications, the grants products declare and those of approved access requests, every known
 * user's groups — once per publish, and has every configured {@link GrantEnforcer} ({@code
 * tributary.grants.enforcers}: Trino's rules and group file, Lake Formation) enforce that one
 * snapshot. It publishes again when a grant expires, and after a failed enforcement.
 */
@ApplicationScoped
public class AccessControlPublisher {
  private static final Logger LOG = Logger.getLogger(AccessControlPublisher.class);

  @Inject PlatformStore store;
  @Inject PlatformConfig config;
  @Inject GrantEnforcers enforcers;
  @Inject ResourceGroupPublisher resourceGroups;

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "grant-expiry");
            thread.setDaemon(true);
            return thread;
          });
  private ScheduledFuture<?> nextRecompile;

  /** The registry's view of access: domains, products with their columns and grants. */
  public record AccessState(
      List<DomainAccess> domains, List<ProductColumns> products, List<Grant> grants) {}

  /**
   * Domains, active products and the grants in force: those the products declare, and those of
   * approved access requests that are neither revoked nor expired.
   */
  public AccessState state() {
    AccessSnapshot snapshot = snapshot(Instant.now(), false);
    return new AccessState(snapshot.domains(), snapshot.productColumns(), snapshot.grants());
  }

  /** Everything the enforcers need, read from the registry at {@code now}. */
  public AccessSnapshot snapshot(Instant now) {
    return snapshot(now, true);
  }

  private AccessSnapshot snapshot(Instant now, boolean withGroups) {
    List<DomainAccess> domains = new ArrayList<>();
    List<AccessSnapshot.ProductAccess> products = new ArrayList<>();
    List<AccessSnapshot.ProductAccess> retired = new ArrayList<>();
    List<Grant> grants = new ArrayList<>();
    for (DomainRecord domain : store.allDomains()) {
      domains.add(new DomainAccess(domain.name(), domain.ownerGroups(), domain.memberGroups()));
      Map<String, ProductColumns> active = new HashMap<>();
      for (ProductRecord product : store.listProducts(domain.name())) {
        DataProduct declared = Documents.storedProduct(product.document());
        AccessSnapshot.ProductAccess access = productAccess(declared);
        if (product.status() == ProductStatus.RETIRED) {
          retired.add(access);
          continue;
        }
        products.add(access);
        active.put(product.product(), access.columns());
        grants.addAll(PolicyModel.declaredGrants(declared));
      }
      for (AccessRequestRecord request : store.listAccessRequests(domain.name())) {
        ProductColumns columns = active.get(request.product());
        if (columns != null && request.grantsAccessAt(now)) {
          approvedGrant(request, columns).ifPresent(grants::add);
        }
      }
    }
    return new AccessSnapshot(
        domains, products, retired, grants, withGroups ? groupsByUser() : Map.of(), now);
  }

  private static AccessSnapshot.ProductAccess productAccess(DataProduct declared) {
    Map<String, String> classifications = new HashMap<>();
    for (Column column : declared.spec().table().columns()) {
      column
          .classification()
          .ifPresent(classification -> classifications.put(column.name(), classification));
    }
    return new AccessSnapshot.ProductAccess(
        PolicyModel.columns(declared), declared.spec().zone().declaredName(), classifications);
  }

  /**
   * The grants on one product in force at {@code now}: those it declares and those of its approved,
   * unexpired access requests.
   */
  public List<Grant> grantsOn(String domain, DataProduct declared, Instant now) {
    List<Grant> grants = new ArrayList<>(PolicyModel.declaredGrants(declared));
    ProductColumns columns = PolicyModel.columns(declared);
    for (AccessRequestRecord request : store.listAccessRequests(domain)) {
      if (request.product().equals(declared.metadata().name()) && request.grantsAccessAt(now)) {
        approvedGrant(request, columns).ifPresent(grants::add);
      }
    }
    return grants;
  }

  /**
   * The grant an approved request makes: to {@code user:<requester>}, of the requested columns that
   * the product still has, until the request expires. Empty when none of its columns is left (a
   * later major version dropped them) or the requester's name cannot be a principal.
   */
  static Optional<Grant> approvedGrant(AccessRequestRecord request, ProductColumns columns) {
    ColumnSelection selection = ColumnSelection.all();
    if (request.columns().isPresent()) {
      List<String> kept = request.columns().get().stream().filter(columns::has).toList();
      if (kept.isEmpty()) {
        return Optional.empty();
      }
      selection = ColumnSelection.include(kept.toArray(String[]::new));
    }
    try {
      return Optional.of(
          Grant.to(Principal.parse("user:" + request.requester()), columns.product())
              .columns(selection)
              .expires(request.expiresAt())
              .purpose(request.purpose())
              .source(GrantSource.accessRequest(request.id().toString()))
              .build());
    } catch (IllegalArgumentException unusable) {
      LOG.warnf("Access request %s makes no grant: %s", request.id(), unusable.getMessage());
      return Optional.empty();
    }
  }

  /** Every known user's groups, as the group file lists them. */
  public Map<String, Set<String>> groupsByUser() {
    Map<String, Set<String>> groupsByUser = new HashMap<>();
    for (UserGroups user : store.allUserGroups()) {
      groupsByUser.put(user.user(), user.groups());
    }
    return groupsByUser;
  }

  /**
   * Trino's rules and group file compiled from the registry as it stands at {@code now}: what the
   * {@code trino-rules} enforcer writes, and what a Trino cluster reads over HTTP.
   */
  public TrinoRulesEnforcer.Compiled compileTrinoRules(Instant now) {
    TrinoRulesEnforcer trino =
        new TrinoRulesEnforcer(
            config.catalog().name(),
            config.trino().serviceUser(),
            config.adminGroup(),
            Optional.empty(),
            Optional.empty());
    return trino.compile(snapshot(now));
  }

  /**
   * Reads the registry once and has every configured enforcer enforce it, in order. An enforcer's
   * failure does not stop the others; the publish is tried again after {@code
   * tributary.grants.retry-delay}, and the first failure is thrown once all have run.
   */
  public synchronized void publish() {
    Instant now = Instant.now();
    AccessSnapshot snapshot = snapshot(now);
    List<RuntimeException> failures = new ArrayList<>();
    for (GrantEnforcer enforcer : enforcers.all()) {
      try {
        enforcer.enforce(snapshot);
      } catch (RuntimeException e) {
        LOG.errorf(e, "The %s grant enforcer failed; trying again later", enforcer.name());
        failures.add(e);
      }
    }
    // The domains' Trino resource groups change with their declarations, as the rules do.
    try {
      resourceGroups.publish(store.allDomains());
    } catch (RuntimeException e) {
      LOG.errorf(e, "Writing Trino's resource groups failed; trying again later");
      failures.add(e);
    }
    Optional<Instant> next = Grant.nextExpiry(snapshot.grants(), now);
    if (!failures.isEmpty()) {
      Instant retry = now.plus(config.grants().retryDelay());
      next = Optional.of(next.filter(expiry -> expiry.isBefore(retry)).orElse(retry));
    }
    scheduleAt(next, now);
    if (!failures.isEmpty()) {
      RuntimeException first = failures.getFirst();
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }

  private void scheduleAt(Optional<Instant> expiry, Instant now) {
    if (nextRecompile != null) {
      nextRecompile.cancel(false);
      nextRecompile = null;
    }
    expiry.ifPresent(
        instant -> {
          long delay = Math.max(0, Duration.between(now, instant).toMillis()) + 50;
          nextRecompile =
              timer.schedule(
                  () -> {
                    try {
                      publish();
                    } catch (RuntimeException e) {
                      LOG.errorf(
                          e, "Could not publish the grants when a grant expired or to retry");
                    }
                  },
                  delay,
                  TimeUnit.MILLISECONDS);
        });
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
  }
}
