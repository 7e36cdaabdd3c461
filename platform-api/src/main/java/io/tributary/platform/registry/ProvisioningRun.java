package io.tributary.platform.registry;

import java.time.Instant;
import java.util.List;

/**
 * One plan/apply of a domain's desired state.
 *
 * @param id the run id, which names the domain
 * @param domain the domain provisioned
 * @param status where the run stands
 * @param trigger what started it, for example {@code domain.update} or {@code product.declare
 *     sales.orders@1.2.0}
 * @param planSummary the machine-readable plan summary, a JSON document; null until planned
 * @param log the run's log lines, oldest first
 * @param startedAt when the run was recorded
 * @param finishedAt when it succeeded or failed; null while it is not finished
 * @param error why it failed; null unless it failed
 */
public record ProvisioningRun(
    RunId id,
    String domain,
    RunStatus status,
    String trigger,
    String planSummary,
    List<String> log,
    Instant startedAt,
    Instant finishedAt,
    String error) {
  public ProvisioningRun {
    log = List.copyOf(log);
  }
}
