package io.tributary.lakehouse.mesh;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the platform did, or would do, for one declaration: the {@code run} of the API's answer.
 *
 * @param id the run's id, for {@code GET /api/v1/runs/{id}}
 * @param status {@code succeeded} or {@code failed} (or a state the API adds later)
 * @param plan the changes, in the order they are applied
 * @param log what the provisioner reported
 * @param error why the run failed
 */
public record ProvisioningRun(
    String id, String status, List<PlanStep> plan, List<String> log, Optional<String> error) {

  public ProvisioningRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    plan = List.copyOf(plan);
    log = List.copyOf(log);
    Objects.requireNonNull(error, "error");
  }

  public boolean failed() {
    return status.equals("failed") || error.isPresent();
  }

  /**
   * One change of a plan.
   *
   * @param action such as {@code create-namespace}, {@code create-table} or {@code update-grants}
   * @param target what it changes, such as {@code sales.orders}
   * @param detail a summary, such as {@code 7 columns, partitioned by day(ordered_at)}
   */
  public record PlanStep(String action, String target, String detail) {
    public PlanStep {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(detail, "detail");
    }

    /**
     * The step as a plan line, marked as Terraform marks its plans: {@code +} adds, {@code -}
     * removes, {@code ~} changes in place.
     */
    public String describe() {
      return marker() + " " + action + " " + target + (detail.isBlank() ? "" : ": " + detail);
    }

    private String marker() {
      String verb = action.contains("-") ? action.substring(0, action.indexOf('-')) : action;
      return switch (verb) {
        case "create", "add", "grant" -> "+";
        case "delete", "drop", "remove", "revoke", "retire" -> "-";
        default -> "~";
      };
    }
  }
}
