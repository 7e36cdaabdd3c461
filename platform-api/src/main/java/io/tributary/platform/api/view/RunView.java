package io.tributary.platform.api.view;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.platform.provisioning.Change;
import io.tributary.platform.registry.ProvisioningRun;
import io.tributary.platform.service.Provisioning.Step;
import java.time.Instant;
import java.util.List;

/** A provisioning run as clients see it. */
public record RunView(
    String id,
    String domain,
    String status,
    String trigger,
    List<Step> plan,
    List<String> log,
    Instant startedAt,
    Instant finishedAt,
    String error) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static RunView of(ProvisioningRun run) {
    List<Step> plan = List.of();
    if (run.planSummary() != null && !run.planSummary().isBlank()) {
      try {
        plan = JSON.readValue(run.planSummary(), new TypeReference<List<Step>>() {});
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        plan = List.of(new Step("unknown", run.domain(), run.planSummary()));
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
        run.error());
  }

  /** What a dry run would do: a plan and nothing else. */
  public static RunView dryRun(String domain, List<Change> plan) {
    return new RunView(
        null,
        domain,
        "dry-run",
        "dry run",
        plan.stream().map(Step::of).toList(),
        List.of(),
        null,
        null,
        null);
  }
}
