package io.tributary.platform.api;

import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.quality.QualityEngine;
import io.tributary.platform.quality.athena.AthenaQualityEngine;
import io.tributary.platform.quality.trino.TrinoQualityEngine;
import io.tributary.platform.wiring.PipelineBeans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/**
 * Wires the engine quality checks run on, chosen by {@code tributary.engine.type} as reads are:
 * Trino as the service user, or Athena as the platform's identity in the domain's workgroup.
 */
@ApplicationScoped
public class QualityBeans {

  // Application-scoped, so the engine is built on first use, never during startup (or a snapshot).
  @Produces
  @ApplicationScoped
  QualityEngine qualityEngine(PlatformConfig config) {
    return switch (config.engine().type()) {
      case "trino" ->
          new TrinoQualityEngine(
              config.engine().jdbcUrl(),
              config.catalog().name(),
              config.trino().serviceUser(),
              QueryBeans.serviceTokens(config));
      case "athena" ->
          new AthenaQualityEngine(
              () -> PipelineBeans.athenaStatements(config), PipelineBeans.athenaSettings(config));
      default ->
          throw new IllegalStateException(
              "tributary.engine.type must be trino or athena, not '%s'"
                  .formatted(config.engine().type()));
    };
  }

  void closeQualityEngine(@Disposes QualityEngine engine) throws Exception {
    if (engine instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
