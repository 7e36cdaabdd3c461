package io.tributary.platform.provisioning.terraform;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.jboss.logging.Logger;

/**
 * The Terraform provisioner: applies the one domain root in the workspace named after the domain,
 * then creates or evolves the Iceberg tables through the catalog and publishes the grants.
 *
 * <p>A run renders {@value TerraformVariables#FILE_NAME}, runs {@code init}, {@code workspace
 * select -or-create <domain>}, {@code plan -out}, {@code show -json} (the summary kept on the run)
 * and {@code apply} of that plan file, streaming every line into the run's log. Lake Formation tags
 * and grants can only name tables that exist, so when the run created tables it renders and applies
 * once more (phase 2). Each domain has its own working folder and {@code TF_DATA_DIR}; state is
 * kept apart by workspace in the one backend. A failed command fails the run with the command and
 * terraform's last lines, and no table step runs after a failed apply.
 */
public final class TerraformProvisioner implements Provisioner, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(TerraformProvisioner.class);
  private static final String PLAN_FILE = "tributary.tfplan";

  private final TerraformSettings settings;
  private final TerraformVariables variables;
  private final PlatformStore store;
  private final Catalog catalog;
  private final Runnable publishGrants;
  private final ScheduledExecutorService logFlusher =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "terraform-run-log");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param settings how terraform runs
   * @param variables renders the domain root's variables
   * @param store where runs are recorded
   * @param catalog the Iceberg catalog the tables live in (Glue in AWS)
   * @param publishGrants compiles and publishes every grant enforcer's rules from the registry
   */
  public TerraformProvisioner(
      TerraformSettings settings,
      TerraformVariables variables,
      PlatformStore store,
      Catalog catalog,
      Runnable publishGrants) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.variables = Objects.requireNonNull(variables, "variables");
    this.store = Objects.requireNonNull(store, "store");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.publishGrants = Objects.requireNonNull(publishGrants, "publishGrants");
    if (!Files.isRegularFile(settings.root().resolve("variables.tf"))) {
      throw new IllegalArgumentException(
          "tributary.provisioner.terraform.root must be the domain root's folder, but %s has no"
                  .formatted(settings.root())
              + " variables.tf");
    }
  }

  /** The working folder of a domain: its {@code TF_DATA_DIR}, rendered variables and plan file. */
  public Path workingFolder(String domain) {
    return settings.workDir().resolve(domain);
  }

  /** How far a run got, which decides what its failure left behind. */
  private enum Stage {
    RENDER,
    TERRAFORM,
    TABLES,
    SECOND_PHASE,
    PUBLISH
  }

  @Override
  public ProvisioningOutcome provision(
      DesiredState desired, DomainSnapshot snapshot, String trigger) {
    String domain = desired.domain();
    ProvisioningRun run = store.createRun(domain, trigger);
    List<Change> applied = List.of();
    Stage stage = Stage.RENDER;
    try (RunLog log = new RunLog(store, run.id(), logFlusher)) {
      try {
        store.updateRun(run.id(), RunStatus.RUNNING, null, null);
        List<Change> planned = new Planner(catalog).plan(desired);
        TerraformCli terraform = terraform(domain);
        List<TerraformPlanSummary> summaries = new ArrayList<>();

        log.accept("phase 1: the domain's resources, and Lake Formation on its existing tables");
        ObjectNode rendered = render(domain, snapshot);
        stage = Stage.TERRAFORM;
        init(terraform, domain, log);
        summaries.add(planAndApply(terraform, domain, 1, rendered, planned, summaries, run, log));

        stage = Stage.TABLES;
        // After apply the catalog holds what Terraform made (the Glue database), so plan again.
        applied = new Planner(catalog).plan(desired);
        log.accept("tables: %d step%s".formatted(applied.size(), applied.size() == 1 ? "" : "s"));
        new PlanApplier(catalog).apply(applied, log);
        store.updateRun(
            run.id(),
            RunStatus.RUNNING,
            new TerraformRunPlan(PlanStep.of(applied), summaries).json(),
            null);

        stage = Stage.SECOND_PHASE;
        ObjectNode again = render(domain, snapshot);
        if (!again.equals(rendered)) {
          log.accept("phase 2: Lake Formation tags and grants on the tables this run created");
          summaries.add(planAndApply(terraform, domain, 2, again, applied, summaries, run, log));
        }

        stage = Stage.PUBLISH;
        publishGrants.run();
        log.accept("published the grants");
        log.close();
        return new ProvisioningOutcome(
            store.updateRun(run.id(), RunStatus.SUCCEEDED, null, null), applied);
      } catch (RuntimeException e) {
        LOG.warnf("Provisioning run %s of domain %s failed: %s", run.id(), domain, e.getMessage());
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        log.accept("failed: " + reason);
        log.close();
        return new ProvisioningOutcome(
            store.updateRun(run.id(), RunStatus.FAILED, null, error(stage, e) + reason), applied);
      }
    }
  }

  /** What the failure left behind, before terraform's own words. */
  private static String error(Stage stage, RuntimeException failure) {
    boolean applying = failure instanceof TerraformFailure terraform && terraform.isApply();
    return switch (stage) {
      case RENDER -> "The domain's Terraform variables could not be rendered; nothing changed: ";
      case TERRAFORM ->
          applying
              ? "Terraform's apply failed; no table was created or changed, and the workspace's"
                  + " state keeps what terraform did apply: "
              : "Terraform failed before applying anything; the domain and its tables are as they"
                  + " were: ";
      case TABLES ->
          "Terraform applied, but the tables could not all be created or evolved; those not"
              + " finished keep their previous state: ";
      case SECOND_PHASE ->
          "The tables are created, but applying their Lake Formation tags and grants (phase 2)"
              + " failed; a retry applies them: ";
      case PUBLISH -> "Terraform and the tables are applied, but the grants were not published: ";
    };
  }

  private TerraformCli terraform(String domain) {
    Path folder = workingFolder(domain);
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("TF_IN_AUTOMATION", "1");
    environment.put("TF_INPUT", "0");
    environment.put("CHECKPOINT_DISABLE", "1");
    environment.putAll(settings.environment());
    // The domain's own data folder: its backend settings and its selected workspace.
    environment.put("TF_DATA_DIR", folder.resolve(".terraform").toString());
    environment.remove("TF_WORKSPACE");
    return new TerraformCli(settings.binary(), settings.root(), environment, settings.timeout());
  }

  private ObjectNode render(String domain, DomainSnapshot snapshot) {
    return variables.render(
        snapshot, product -> catalog.tableExists(TableIdentifier.of(domain, product)));
  }

  private void init(TerraformCli terraform, String domain, RunLog log) {
    try {
      Files.createDirectories(workingFolder(domain));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> arguments = new ArrayList<>(List.of("init", "-input=false", "-no-color"));
    new TreeMap<>(settings.backendConfig())
        .forEach((key, value) -> arguments.add("-backend-config=" + key + "=" + value));
    terraform.run("init", log, arguments.toArray(String[]::new));
    terraform.run(
        "workspace select", log, "workspace", "select", "-or-create=true", "-no-color", domain);
  }

  private TerraformPlanSummary planAndApply(
      TerraformCli terraform,
      String domain,
      int phase,
      ObjectNode rendered,
      List<Change> tableSteps,
      List<TerraformPlanSummary> earlier,
      ProvisioningRun run,
      RunLog log) {
    Path folder = workingFolder(domain);
    Path variablesFile = folder.resolve(TerraformVariables.FILE_NAME);
    Path planFile = folder.resolve(PLAN_FILE);
    try {
      Files.writeString(variablesFile, TerraformVariables.text(rendered), StandardCharsets.UTF_8);
      Files.deleteIfExists(planFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The root is shared by every domain, so its variables come from the domain's own file.
    terraform.run(
        "plan",
        log,
        "plan",
        "-input=false",
        "-no-color",
        "-var-file=" + variablesFile,
        "-out=" + planFile);
    TerraformPlanSummary summary =
        TerraformPlanSummary.parse(
            phase,
            terraform.capture("show", log, "show", "-json", "-no-color", planFile.toString()));
    List<TerraformPlanSummary> summaries = new ArrayList<>(earlier);
    summaries.add(summary);
    store.updateRun(
        run.id(),
        RunStatus.RUNNING,
        new TerraformRunPlan(PlanStep.of(tableSteps), summaries).json(),
        null);
    log.accept(
        "phase %d plan: %d to add, %d to change, %d to destroy"
            .formatted(phase, summary.add(), summary.change(), summary.destroy()));
    terraform.run("apply", log, "apply", "-input=false", "-no-color", planFile.toString());
    return summary;
  }

  @Override
  public void close() {
    logFlusher.shutdownNow();
  }
}
