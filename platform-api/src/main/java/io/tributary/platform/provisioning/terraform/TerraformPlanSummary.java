package io.tributary.platform.provisioning.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine-readable summary of one {@code terraform plan}, taken from {@code terraform show
 * -json}: how many resources it adds, changes and destroys (a replacement counts as one add and one
 * destroy, as terraform itself counts) and each resource change's address and actions. Reads and
 * no-ops are left out.
 *
 * @param phase 1 for the run's first plan, 2 for the one that tags and grants on new tables
 * @param add resources created
 * @param change resources updated in place
 * @param destroy resources destroyed
 * @param resourceChanges each change, in terraform's order
 */
public record TerraformPlanSummary(
    int phase, int add, int change, int destroy, List<ResourceChange> resourceChanges) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public TerraformPlanSummary {
    resourceChanges = List.copyOf(resourceChanges);
  }

  /**
   * One resource change.
   *
   * @param address the resource's address, such as {@code aws_glue_catalog_database.domain}
   * @param actions terraform's actions: {@code create}, {@code update}, {@code delete}, or {@code
   *     delete, create} for a replacement
   */
  public record ResourceChange(String address, List<String> actions) {
    public ResourceChange {
      actions = List.copyOf(actions);
    }
  }

  /** Whether the plan changes nothing. */
  public boolean empty() {
    return add == 0 && change == 0 && destroy == 0;
  }

  /**
   * Summarizes the JSON plan representation of {@code terraform show -json <planfile>}.
   *
   * @throws IllegalArgumentException when the text is not such a document
   */
  public static TerraformPlanSummary parse(int phase, String showJson) {
    JsonNode plan;
    try {
      plan = JSON.readTree(showJson);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "terraform show -json printed no JSON plan: " + e.getOriginalMessage(), e);
    }
    if (plan == null || !plan.isObject() || !plan.has("format_version")) {
      throw new IllegalArgumentException("terraform show -json printed no JSON plan");
    }
    int add = 0;
    int change = 0;
    int destroy = 0;
    List<ResourceChange> changes = new ArrayList<>();
    for (JsonNode resource : plan.path("resource_changes")) {
      List<String> actions = new ArrayList<>();
      resource.path("change").path("actions").forEach(action -> actions.add(action.asText()));
      if (actions.contains("create")) {
        add++;
      }
      if (actions.contains("update")) {
        change++;
      }
      if (actions.contains("delete")) {
        destroy++;
      }
      if (actions.contains("create") || actions.contains("update") || actions.contains("delete")) {
        changes.add(new ResourceChange(resource.path("address").asText(), actions));
      }
    }
    return new TerraformPlanSummary(phase, add, change, destroy, changes);
  }
}
