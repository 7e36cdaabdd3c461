package io.tributary.platform.service;

import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.Domain;
import io.tributary.platform.declaration.IcebergMapping;
import io.tributary.platform.provisioning.Change;
import io.tributary.platform.provisioning.DesiredState;
import io.tributary.platform.provisioning.DesiredTable;
import io.tributary.platform.provisioning.PlanApplier;
import io.tributary.platform.provisioning.Planner;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.registry.ProductStatus;
import io.tributary.platform.registry.ProvisioningRun;
import io.tributary.platform.registry.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.jboss.logging.Logger;

/**
 * The local provisioner: computes a domain's desired state from the registry, diffs it against the
 * Iceberg catalog, applies the plan through the Iceberg API and recompiles Trino's rules, recording
 * all of it as a provisioning run. A failed run leaves each table as it was and says why.
 */
@ApplicationScoped
public class Provisioning {
  private static final Logger LOG = Logger.getLogger(Provisioning.class);
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  @Inject PlatformStore store;
  @Inject Catalog catalog;
  @Inject PlatformConfig config;
  @Inject AccessControlPublisher accessControl;

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

  /** The plan for a desired state; changes nothing. */
  public List<Change> plan(DesiredState desired) {
    return new Planner(catalog).plan(desired);
  }

  /**
   * Plans and applies a domain's desired state as one recorded run, then recompiles Trino's rules.
   * Callers hold the domain's lock.
   */
  public RunResult provision(DesiredState desired, String trigger) {
    ProvisioningRun run = store.createRun(desired.domain(), trigger);
    List<Change> plan = List.of();
    try {
      store.updateRun(run.id(), RunStatus.RUNNING, null, null);
      plan = plan(desired);
      store.updateRun(run.id(), RunStatus.RUNNING, summary(plan), null);
      List<String> log = new ArrayList<>();
      log.add("plan: %d change%s".formatted(plan.size(), plan.size() == 1 ? "" : "s"));
      new PlanApplier(catalog).apply(plan, log::add);
      publishRules();
      log.add("recompiled Trino's access-control rules");
      store.appendRunLog(run.id(), log);
      return new RunResult(store.updateRun(run.id(), RunStatus.SUCCEEDED, null, null), plan);
    } catch (RuntimeException e) {
      LOG.warnf(e, "Provisioning run %s of domain %s failed", run.id(), desired.domain());
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      store.appendRunLog(run.id(), List.of("failed: " + reason));
      return new RunResult(
          store.updateRun(
              run.id(),
              RunStatus.FAILED,
              null,
              "The run stopped and the tables it had not finished keep their previous state: "
                  + reason),
          plan);
    }
  }

  /** Recompiles Trino's rules (and group file) from the registry. */
  public void publishRules() {
    accessControl.publish();
  }

  /** One plan step as clients see it. */
  public record Step(String action, String target, String detail) {
    public static Step of(Change change) {
      return new Step(change.action(), change.target(), change.detail());
    }
  }

  /** The plan as a JSON array of steps, kept on the run. */
  public static String summary(List<Change> plan) {
    try {
      return JSON.writeValueAsString(plan.stream().map(Step::of).toList());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
