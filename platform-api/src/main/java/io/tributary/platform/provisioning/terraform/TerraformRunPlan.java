package io.tributary.platform.provisioning.terraform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.platform.provisioning.PlanStep;
import java.util.List;

/**
 * The plan summary a Terraform run keeps: the Iceberg table steps and each terraform phase's plan.
 *
 * @param steps the Iceberg steps, as planned before apply and replaced by those applied after it
 * @param terraform each phase's terraform plan, in order
 */
public record TerraformRunPlan(List<PlanStep> steps, List<TerraformPlanSummary> terraform) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public TerraformRunPlan {
    steps = List.copyOf(steps);
    terraform = List.copyOf(terraform);
  }

  /** The summary as the JSON document stored on the run. */
  public String json() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
