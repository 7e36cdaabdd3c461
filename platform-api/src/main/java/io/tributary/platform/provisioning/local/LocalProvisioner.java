package io.tributary.platform.provisioning.local;

import io.tributary.platform.provisioning.Change;
import io.tributary.platform.provisioning.DesiredState;
import io.tributary.platform.provisioning.DomainSnapshot;
import io.tributary.platform.provisioning.PlanApplier;
import io.tributary.platform.provisioning.PlanStep;
import io.tributary.platform.provisioning.Planner;
import io.tributary.platform.provisioning.Provisioner;
import io.tributary.platform.provisioning.ProvisioningOutcome;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProvisioningRun;
import io.tributary.platform.registry.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.iceberg.catalog.Catalog;
import org.jboss.logging.Logger;

/**
 * The local provisioner: diffs the desired state against the Iceberg catalog, applies the plan
 * through the Iceberg API and publishes the grants, recording all of it as a provisioning run. A
 * failed run leaves each table as it was and says why.
 */
public final class LocalProvisioner implements Provisioner {
  private static final Logger LOG = Logger.getLogger(LocalProvisioner.class);

  private final PlatformStore store;
  private final Catalog catalog;
  private final Runnable publishGrants;

  /**
   * @param store where runs are recorded
   * @param catalog the Iceberg catalog the tables live in
   * @param publishGrants compiles and publishes every grant enforcer's rules from the registry
   */
  public LocalProvisioner(PlatformStore store, Catalog catalog, Runnable publishGrants) {
    this.store = Objects.requireNonNull(store, "store");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.publishGrants = Objects.requireNonNull(publishGrants, "publishGrants");
  }

  @Override
  public ProvisioningOutcome provision(
      DesiredState desired, DomainSnapshot snapshot, String trigger) {
    ProvisioningRun run = store.createRun(desired.domain(), trigger);
    List<Change> plan = List.of();
    try {
      store.updateRun(run.id(), RunStatus.RUNNING, null, null);
      plan = new Planner(catalog).plan(desired);
      store.updateRun(run.id(), RunStatus.RUNNING, PlanStep.summary(plan), null);
      List<String> log = new ArrayList<>();
      log.add("plan: %d change%s".formatted(plan.size(), plan.size() == 1 ? "" : "s"));
      new PlanApplier(catalog).apply(plan, log::add);
      publishGrants.run();
      log.add("recompiled Trino's access-control rules");
      store.appendRunLog(run.id(), log);
      return new ProvisioningOutcome(
          store.updateRun(run.id(), RunStatus.SUCCEEDED, null, null), plan);
    } catch (RuntimeException e) {
      LOG.warnf(e, "Provisioning run %s of domain %s failed", run.id(), desired.domain());
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      store.appendRunLog(run.id(), List.of("failed: " + reason));
      return new ProvisioningOutcome(
          store.updateRun(
              run.id(),
              RunStatus.FAILED,
              null,
              "The run stopped and the tables it had not finished keep their previous state: "
                  + reason),
          plan);
    }
  }
}
