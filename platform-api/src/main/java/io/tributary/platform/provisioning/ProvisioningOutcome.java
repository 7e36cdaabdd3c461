package io.tributary.platform.provisioning;

import io.tributary.platform.registry.ProvisioningRun;
import java.util.List;

/**
 * A run's record and the Iceberg plan it carried out.
 *
 * @param run the run as recorded when it finished
 * @param plan the table steps, empty when the run failed before planning them
 */
public record ProvisioningOutcome(ProvisioningRun run, List<Change> plan) {
  public ProvisioningOutcome {
    plan = List.copyOf(plan);
  }
}
