package io.tributary.platform.api.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.platform.provisioning.Change;
import io.tributary.platform.provisioning.PlanStep;
import io.tributary.platform.provisioning.terraform.TerraformPlanSummary;
import io.tributary.platform.provisioning.terraform.TerraformRunPlan;
import io.tributary.platform.registry.ProvisioningRun;
import java.time.Instant;
import java.util.List;

/**
 * A provisioning run as clients see it. {@code terraform} appears on runs of the Terraform
 * provisioner only: each phase's plan with its add/change/destroy counts and resource changes.
 */
public record RunView(
    String id,
    String domain,
    String status,
    String trigger,
    List<PlanStep> plan,
    List<String> log,
    Instant startedAt,
    Instant finishedAt,
    String error,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<TerraformPlanSummary> terraform) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static RunView of(ProvisioningRun run) {
    List<PlanStep> plan = List.of();
    List<TerraformPlanSummary> terraform = null;
    String summary = run.planSummary();
    if (summary != null && !summary.isBlank()) {
      try {
        if (summary.strip().startsWith("{")) {
          TerraformRunPlan terraformPlan = JSON.readValue(summary, TerraformRunPlan.class);
          plan = terraformPlan.steps();
          terraform = terraformPlan.terraform();
        } else {
          plan = JSON.readValue(summary, new TypeReference<List<PlanStep>>() {});
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        plan = List.of(new PlanStep("unknown", run.domain(), summary));
      }
    }
    return new RunView(
        run.id().toString(),
        run.domain(),
        run.status().name().toLowerCase(),
        run.trigger(),
        plan,
        run.log(),
        run.startedAt(),
        run.finishedAt(),
        run.error(),
        terraform);
  }

  /** What a dry run would do: a plan and nothing else. */
  public static RunView dryRun(String domain, List<Change> plan) {
    return new RunView(
        null, domain, "dry-run", "dry run", PlanStep.of(plan), List.of(), null, null, null, null);
  }
}
