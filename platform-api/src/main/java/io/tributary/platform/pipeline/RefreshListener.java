package io.tributary.platform.pipeline;

import io.tributary.platform.registry.RefreshRun;

/**
 * Told about every finished refresh, succeeded or failed: the place for quality checks to run
 * against the new snapshot. Implementations are CDI beans; {@code RefreshService} calls each once
 * per refresh, after the run is recorded, and a listener's failure never fails the refresh.
 */
public interface RefreshListener {

  void refreshed(RefreshRun run);
}
