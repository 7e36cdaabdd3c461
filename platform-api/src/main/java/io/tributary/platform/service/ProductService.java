package io.tributary.platform.service;

import io.tributary.platform.api.ErrorCode;
import io.tributary.platform.api.PlatformException;
import io.tributary.platform.declaration.Compatibility;
import io.tributary.platform.declaration.CompatibilityReport;
import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.DeclarationException;
import io.tributary.platform.declaration.Problem;
import io.tributary.platform.declaration.Visibility;
import io.tributary.platform.provisioning.Change;
import io.tributary.platform.registry.Actor;
import io.tributary.platform.registry.AuditOutcome;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.ExpectedRevision;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.registry.ProductVersionEntry;
import io.tributary.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Declaring, changing and retiring products, and who may see them. */
@ApplicationScoped
public class ProductService {
  @Inject PlatformStore store;
  @Inject Provisioning provisioning;
  @Inject DomainLocks locks;
  @Inject DomainService domains;

  /**
   * What a declaration did: the product as stored (empty for a dry run of a new product), the
   * compatibility report, the plan, and the run (empty for a dry run).
   */
  public record Result(
      Optional<ProductRecord> product,
      boolean created,
      CompatibilityReport compatibility,
      List<Change> plan,
      Optional<Provisioning.RunResult> run) {}

  public Result put(
      Caller caller,
      String domainName,
      String productName,
      String body,
      Optional<Long> ifMatch,
      boolean dryRun,
      String requestId) {
    Actor actor = new Actor(caller.user(), requestId);
    DomainRecord domain = domains.require(domainName);
    if (!Role.of(caller, domain).mayChange()) {
      store.recordAuditEvent(
          domainName,
          actor,
          "product.declare",
          domainName + "." + productName,
          AuditOutcome.DENIED);
      throw PlatformException.forbidden(
          "Only the owners of domain '%s' or platform admins may declare its products"
              .formatted(domainName));
    }
    Documents.Submitted<DataProduct> submitted = Documents.product(body);
    DataProduct next = submitted.declaration();
    List<Problem> mismatches = new ArrayList<>();
    if (!next.metadata().domain().equals(domainName)) {
      mismatches.add(
          new Problem(
              "/metadata/domain",
              "the declaration belongs to domain '%s' but the URL names '%s'"
                  .formatted(next.metadata().domain(), domainName)));
    }
    if (!next.metadata().name().equals(productName)) {
      mismatches.add(
          new Problem(
              "/metadata/name",
              "the declaration names product '%s' but the URL names '%s'"
                  .formatted(next.metadata().name(), productName)));
    }
    mismatches.addAll(PolicyModel.check(next));
    mismatches.addAll(
        io.tributary.platform.pipeline.DerivedProducts.check(
            next,
            domain,
            input -> store.getProduct(input.domain(), input.product()),
            java.time.Instant.now()));
    if (!mismatches.isEmpty()) {
      throw new DeclarationException(mismatches);
    }
    return locks.withLock(
        domainName,
        () -> {
          Optional<ProductRecord> current = store.getProduct(domainName, productName);
          CompatibilityReport report =
              current
                  .map(
                      record ->
                          Compatibility.check(Documents.storedProduct(record.document()), next))
                  .orElse(null);
          if (report != null && !report.accepted()) {
            throw new PlatformException(
                ErrorCode.INCOMPATIBLE_CHANGE,
                "This change to %s.%s is refused: %s"
                    .formatted(
                        domainName,
                        productName,
                        report.breaking().isEmpty()
                            ? "see the errors"
                            : "it breaks consumers, so the major version must rise above "
                                + report.previousVersion().major()),
                report.violations().stream()
                    .map(
                        problem ->
                            new PlatformException.FieldError(problem.pointer(), problem.message()))
                    .toList());
          }
          List<Change> plan =
              provisioning.plan(provisioning.desiredState(domain, Map.of(productName, next)));
          if (dryRun) {
            return new Result(current, current.isEmpty(), report, plan, Optional.empty());
          }
          ProductRecord stored;
          boolean sameVersion = current.isPresent() && report != null && report.unchanged();
          if (sameVersion
              && current.get().status() != io.tributary.platform.registry.ProductStatus.RETIRED) {
            stored = current.get();
            if (ifMatch.isPresent() && ifMatch.get() != stored.revision()) {
              throw new io.tributary.platform.registry.StaleRevisionException(
                  domainName + "." + productName,
                  ExpectedRevision.exactly(ifMatch.get()),
                  java.util.OptionalLong.of(stored.revision()));
            }
          } else {
            ExpectedRevision expected =
                ifMatch
                    .map(ExpectedRevision::exactly)
                    .orElse(
                        current.isPresent() ? ExpectedRevision.any() : ExpectedRevision.absent());
            stored =
                store.putProductVersion(
                    new ProductVersionEntry(
                        domainName, productName, next.metadata().version(), submitted.json()),
                    expected,
                    actor);
          }
          Provisioning.RunResult run =
              provisioning.provision(
                  provisioning.desiredState(domain, Map.of()),
                  "%s.%s %s declared by %s"
                      .formatted(
                          domainName, productName, next.metadata().version(), caller.user()));
          return new Result(
              Optional.of(stored), current.isEmpty(), report, run.plan(), Optional.of(run));
        });
  }

  /** Retires a product: consumers see it retired; its table and data stay. */
  public Result retire(
      Caller caller,
      String domainName,
      String productName,
      Optional<Long> ifMatch,
      String requestId) {
    Actor actor = new Actor(caller.user(), requestId);
    DomainRecord domain = domains.require(domainName);
    if (!Role.of(caller, domain).mayChange()) {
      store.recordAuditEvent(
          domainName, actor, "product.retire", domainName + "." + productName, AuditOutcome.DENIED);
      throw PlatformException.forbidden(
          "Only the owners of domain '%s' or platform admins may retire its products"
              .formatted(domainName));
    }
    return locks.withLock(
        domainName,
        () -> {
          require(domainName, productName);
          ProductRecord retired =
              store.retireProduct(
                  domainName,
                  productName,
                  ifMatch.map(ExpectedRevision::exactly).orElse(ExpectedRevision.any()),
                  actor);
          Provisioning.RunResult run =
              provisioning.provision(
                  provisioning.desiredState(domain, Map.of()),
                  "%s.%s retired by %s".formatted(domainName, productName, caller.user()));
          return new Result(Optional.of(retired), false, null, run.plan(), Optional.of(run));
        });
  }

  public ProductRecord require(String domain, String product) {
    return store
        .getProduct(domain, product)
        .orElseThrow(
            () -> PlatformException.notFound("No product '%s.%s'".formatted(domain, product)));
  }

  /**
   * The product, for a caller who may see it: anyone when it is discoverable, the domain's owners,
   * members and admins when it is private.
   */
  public ProductRecord read(
      Caller caller, String domainName, String productName, String requestId) {
    DomainRecord domain = domains.require(domainName);
    ProductRecord product = require(domainName, productName);
    if (!visibleTo(caller, domain, product)) {
      store.recordAuditEvent(
          domainName,
          new Actor(caller.user(), requestId),
          "product.read",
          domainName + "." + productName,
          AuditOutcome.DENIED);
      throw PlatformException.forbidden(
          "%s.%s is private to its domain".formatted(domainName, productName));
    }
    return product;
  }

  public static boolean visibleTo(Caller caller, DomainRecord domain, ProductRecord product) {
    return Role.of(caller, domain).mayReadPrivate()
        || Documents.storedProduct(product.document()).spec().access().visibility()
            == Visibility.DISCOVERABLE;
  }
}
