package io.tributary.platform.api;

import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.quality.QualityEngine;
import io.tributary.platform.quality.trino.TrinoQualityEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** Wires the engine quality checks run on: Trino as the service user, as reads are wired. */
@ApplicationScoped
public class QualityBeans {

  // Application-scoped, so the engine is built on first use, never during startup (or a snapshot).
  @Produces
  @ApplicationScoped
  QualityEngine qualityEngine(PlatformConfig config) {
    return new TrinoQualityEngine(
        config.engine().jdbcUrl(), config.trino().serviceUser(), QueryBeans.serviceTokens(config));
  }

  void closeQualityEngine(@Disposes QualityEngine engine) {
    if (engine instanceof TrinoQualityEngine trino) {
      trino.close();
    }
  }
}
