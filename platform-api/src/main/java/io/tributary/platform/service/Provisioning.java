package io.tributary.platform.service;

import io.tributary.platform.api.ErrorCode;
import io.tributary.platform.api.PlatformException;
import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.Domain;
import io.tributary.platform.declaration.IcebergMapping;
import io.tributary.platform.provisioning.Change;
import io.tributary.platform.provisioning.DesiredState;
import io.tributary.platform.provisioning.DesiredTable;
import io.tributary.platform.provisioning.DomainSnapshot;
import io.tributary.platform.provisioning.Planner;
import io.tributary.platform.provisioning.Provisioner;
import io.tributary.platform.provisioning.ProvisioningOutcome;
import io.tributary.platform.registry.Actor;
import io.tributary.platform.registry.AuditOutcome;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.registry.ProductStatus;
import io.tributary.platform.registry.ProvisioningRun;
import io.tributary.platform.registry.RunId;
import io.tributary.platform.registry.RunStatus;
import io.tributary.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Provisioning as the services use it: computes a domain's desired state and its declarations from
 * the registry, and hands them to the configured {@link Provisioner} (local or Terraform), which
 * records the run. Retries a failed run over the domain's current desired state.
 */
@ApplicationScoped
public class Provisioning {
  @Inject PlatformStore store;
  @Inject Catalog catalog;
  @Inject Provisioner provisioner;
  @Inject AccessControlPublisher accessControl;
  @Inject DomainLocks locks;

  /** A run's record and the plan it carried out. */
  public record RunResult(ProvisioningRun run, List<Change> plan) {}

  /**
   * The domain's desired state, with some products' declarations replaced by new ones not yet in
   * the registry (for a dry run, or a change about to be stored).
   */
  public DesiredState desiredState(DomainRecord domain, Map<String, DataProduct> pending) {
    Domain declaration = Documents.storedDomain(domain.document());
    Map<String, String> namespaceProperties = new LinkedHashMap<>();
    declaration
        .metadata()
        .description()
        .ifPresent(text -> namespaceProperties.put("comment", text));
    namespaceProperties.put("tributary.owners", String.join(",", domain.ownerGroups()));
    namespaceProperties.put("tributary.members", String.join(",", domain.memberGroups()));

    Map<String, DataProduct> active = new LinkedHashMap<>();
    List<TableIdentifier> retired = new ArrayList<>();
    for (ProductRecord product : store.listProducts(domain.name())) {
      if (product.status() == ProductStatus.RETIRED) {
        retired.add(TableIdentifier.of(domain.name(), product.product()));
      } else {
        active.put(product.product(), Documents.storedProduct(product.document()));
      }
    }
    active.putAll(pending);
    pending.keySet().forEach(name -> retired.remove(TableIdentifier.of(domain.name(), name)));
    List<DesiredTable> tables =
        active.values().stream().map(product -> desiredTable(domain.name(), product)).toList();
    return new DesiredState(domain.name(), namespaceProperties, tables, retired);
  }

  private static DesiredTable desiredTable(String domain, DataProduct product) {
    Schema schema = IcebergMapping.toSchema(product.spec().table());
    Map<String, String> properties = new LinkedHashMap<>(product.spec().table().properties());
    product.metadata().description().ifPresent(text -> properties.put("comment", text));
    properties.put("tributary.version", product.metadata().version().toString());
    properties.put("tributary.zone", product.spec().zone().toString().toLowerCase());
    properties.put("tributary.tags", String.join(",", product.metadata().tags()));
    properties.put(
        "tributary.visibility", product.spec().access().visibility().toString().toLowerCase());
    return new DesiredTable(
        TableIdentifier.of(domain, product.metadata().name()),
        schema,
        IcebergMapping.toPartitionSpec(product.spec().table(), schema),
        IcebergMapping.toSortOrder(product.spec().table(), schema),
        properties);
  }

  /** The registry's declarations of the domain, as the provisioner renders them. */
  public DomainSnapshot snapshot(DomainRecord domain) {
    Instant now = Instant.now();
    List<DomainSnapshot.Product> products = new ArrayList<>();
    for (ProductRecord product : store.listProducts(domain.name())) {
      if (product.status() == ProductStatus.RETIRED) {
        continue;
      }
      DataProduct declared = Documents.storedProduct(product.document());
      products.add(
          new DomainSnapshot.Product(
              declared,
              PolicyModel.columns(declared),
              accessControl.grantsOn(domain.name(), declared, now)));
    }
    return new DomainSnapshot(
        Documents.storedDomain(domain.document()),
        domain.ownerGroups(),
        domain.memberGroups(),
        products);
  }

  /** The plan for a desired state; changes nothing. */
  public List<Change> plan(DesiredState desired) {
    return new Planner(catalog).plan(desired);
  }

  /**
   * Provisions a domain's desired state as one recorded run through the configured provisioner,
   * which publishes the grants at its end. Callers hold the domain's lock.
   */
  public RunResult provision(DesiredState desired, String trigger) {
    DomainRecord domain =
        store
            .getDomain(desired.domain())
            .orElseThrow(
                () -> PlatformException.notFound("No domain '%s'".formatted(desired.domain())));
    ProvisioningOutcome outcome = provisioner.provision(desired, snapshot(domain), trigger);
    return new RunResult(outcome.run(), outcome.plan());
  }

  /**
   * Runs a failed run's domain again over its current desired state, as a new run triggered {@code
   * retry of <id>}: for the domain's owners and admins, audited as {@code run.retry}.
   *
   * @throws PlatformException 404 when there is no such run, 403 for anyone else, 409 when the run
   *     did not fail
   */
  public RunResult retry(Caller caller, RunId id, String requestId) {
    Actor actor = new Actor(caller.user(), requestId);
    String domainName = id.domain();
    DomainRecord domain =
        store
            .getDomain(domainName)
            .orElseThrow(() -> PlatformException.notFound("No run '%s'".formatted(id)));
    if (!Role.of(caller, domain).mayChange()) {
      store.recordAuditEvent(domainName, actor, "run.retry", id.toString(), AuditOutcome.DENIED);
      throw PlatformException.forbidden(
          "Only the owners of domain '%s' or platform admins may retry its runs"
              .formatted(domainName));
    }
    return locks.withLock(
        domainName,
        () -> {
          ProvisioningRun run =
              store
                  .getRun(id)
                  .orElseThrow(() -> PlatformException.notFound("No run '%s'".formatted(id)));
          if (run.status() != RunStatus.FAILED) {
            store.recordAuditEvent(
                domainName, actor, "run.retry", id.toString(), AuditOutcome.FAILED);
            throw new PlatformException(
                ErrorCode.CONFLICT,
                "Run %s is %s; only a failed run can be retried"
                    .formatted(id, run.status().name().toLowerCase()));
          }
          DomainRecord current = store.getDomain(domainName).orElse(domain);
          RunResult result = provision(desiredState(current, Map.of()), "retry of " + id);
          store.recordAuditEvent(
              domainName, actor, "run.retry", id.toString(), AuditOutcome.SUCCEEDED);
          return result;
        });
  }

  /** Recompiles Trino's rules (and group file) from the registry. */
  public void publishRules() {
    accessControl.publish();
  }
}
