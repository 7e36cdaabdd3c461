package io.tributary.platform.service;

import io.tributary.platform.pipeline.RefreshListener;
import io.tributary.platform.quality.Trigger;
import io.tributary.platform.registry.RefreshRun;
import io.tributary.platform.registry.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Evaluates a derived product's quality after each successful refresh, as after each ingestion:
 * queued, so the refresh's own run is never held up by its checks.
 */
@ApplicationScoped
public class QualityAfterRefresh implements RefreshListener {

  @Inject QualityService quality;

  @Override
  public void refreshed(RefreshRun run) {
    if (run.status() == RunStatus.SUCCEEDED) {
      quality.evaluateLater(run.domain(), run.product(), Trigger.REFRESH);
    }
  }
}
