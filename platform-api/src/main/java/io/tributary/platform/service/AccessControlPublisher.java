package io.tributary.platform.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.declaration.DataProduct;
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
import io.tributary.policies.trino.TrinoAccessControl;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
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
 * Compiles Trino's rules and group file from the registry — domains' owners and members, every
 * active product's grants and the grants of approved access requests, every known user's groups —
 * and writes them together, so the merged per-user rules always match the membership Trino reads.
 * It compiles again when a grant expires.
 */
@ApplicationScoped
public class AccessControlPublisher {
  private static final Logger LOG = Logger.getLogger(AccessControlPublisher.class);

  @Inject PlatformStore store;
  @Inject PlatformConfig config;

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
    Instant now = Instant.now();
    List<DomainAccess> domains = new ArrayList<>();
    List<ProductColumns> products = new ArrayList<>();
    List<Grant> grants = new ArrayList<>();
    for (DomainRecord domain : store.allDomains()) {
      domains.add(new DomainAccess(domain.name(), domain.ownerGroups(), domain.memberGroups()));
      Map<String, ProductColumns> active = new HashMap<>();
      for (ProductRecord product : store.listProducts(domain.name())) {
        if (product.status() == ProductStatus.RETIRED) {
          continue;
        }
        DataProduct declared = Documents.storedProduct(product.document());
        ProductColumns columns = PolicyModel.columns(declared);
        products.add(columns);
        active.put(product.product(), columns);
        grants.addAll(PolicyModel.declaredGrants(declared));
      }
      for (AccessRequestRecord request : store.listAccessRequests(domain.name())) {
        ProductColumns columns = active.get(request.product());
        if (columns != null && request.grantsAccessAt(now)) {
          approvedGrant(request, columns).ifPresent(grants::add);
        }
      }
    }
    return new AccessState(domains, products, grants);
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
   * Trino's access control at one instant: the rules, the group file's text (empty when a name
   * cannot be written into it), the members by group it lists, and when a grant in force next
   * expires.
   */
  public record CompiledAccessControl(
      ObjectNode rules,
      Optional<String> groupFile,
      Map<String, Set<String>> membersByGroup,
      Optional<Instant> nextExpiry) {}

  /**
   * Compiles the rules and the group file from the registry as it stands, for the instant {@code
   * now}: what {@link #publish()} writes, and what a Trino cluster reads over HTTP.
   */
  public CompiledAccessControl compile(Instant now) {
    AccessState state = state();
    Map<String, Set<String>> groupsByUser = groupsByUser();
    Map<String, Set<String>> membersByGroup = TrinoAccessControl.membersByGroup(groupsByUser);
    Optional<String> groupFile;
    try {
      groupFile = Optional.of(TrinoAccessControl.groupFile(membersByGroup));
    } catch (IllegalArgumentException unusableName) {
      LOG.warnf("Not writing Trino's group file: %s", unusableName.getMessage());
      groupFile = Optional.empty();
    }
    ObjectNode rules =
        new TrinoAccessControl(
                config.catalog().name(), config.trino().serviceUser(), config.adminGroup())
            .compile(state.domains(), state.products(), state.grants(), groupsByUser, now);
    return new CompiledAccessControl(
        rules, groupFile, membersByGroup, Grant.nextExpiry(state.grants(), now));
  }

  /** Compiles and writes the group file and the rules. */
  public synchronized void publish() {
    Optional<Path> rulesFile = config.trino().rulesFile();
    Optional<Path> groupsFile = config.trino().groupsFile();
    if (rulesFile.isEmpty() && groupsFile.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    CompiledAccessControl compiled = compile(now);
    groupsFile.ifPresent(
        file ->
            compiled
                .groupFile()
                .ifPresent(
                    text -> TrinoAccessControl.writeGroups(file, compiled.membersByGroup())));
    rulesFile.ifPresent(file -> TrinoAccessControl.writeRules(file, compiled.rules()));
    scheduleAt(compiled.nextExpiry(), now);
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
                      LOG.errorf(e, "Could not recompile the rules when a grant expired");
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
