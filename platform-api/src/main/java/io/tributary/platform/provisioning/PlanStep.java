package io.tributary.platform.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * One plan step as clients see it on a run and in a dry run.
 *
 * @param action a stable verb phrase such as {@code create-table}
 * @param target what it acts on
 * @param detail what exactly changes
 */
public record PlanStep(String action, String target, String detail) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static PlanStep of(Change change) {
    return new PlanStep(change.action(), change.target(), change.detail());
  }

  public static List<PlanStep> of(List<Change> plan) {
    return plan.stream().map(PlanStep::of).toList();
  }

  /** The plan as a JSON array of steps, the summary the local provisioner keeps on a run. */
  public static String summary(List<Change> plan) {
    try {
      return JSON.writeValueAsString(of(plan));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
