package io.tributary.platform.api;

import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.query.FilterCompiler;
import io.tributary.platform.query.QueryEngine;
import io.tributary.platform.query.RowFilterCompiler;
import io.tributary.platform.query.trino.ServiceTokens;
import io.tributary.platform.query.trino.SignedServiceTokens;
import io.tributary.platform.query.trino.TrinoQueryEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Wires the data endpoint's engine and its filter compiler; the table resolver is the registry's
 * ({@code RegistryTableResolver}). An Athena engine would be chosen here by configuration.
 */
@ApplicationScoped
public class QueryBeans {

  @Produces
  @Singleton
  FilterCompiler filterCompiler() {
    return new RowFilterCompiler();
  }

  @Produces
  @Singleton
  QueryEngine queryEngine(PlatformConfig config, FilterCompiler filterCompiler) {
    return new TrinoQueryEngine(
        config.engine().jdbcUrl(),
        config.trino().serviceUser(),
        serviceTokens(config),
        filterCompiler);
  }

  void closeQueryEngine(@Disposes QueryEngine engine) throws Exception {
    if (engine instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  /** The service user's tokens, for every adapter that connects to Trino as the platform. */
  public static ServiceTokens serviceTokens(PlatformConfig config) {
    PlatformConfig.Trino trino = config.trino();
    if (trino.signingKeyFile().isPresent()) {
      return new SignedServiceTokens(
          SignedServiceTokens.readPrivateKey(trino.signingKeyFile().get()),
          trino.serviceUser(),
          trino.serviceTokenIssuer(),
          trino.serviceTokenAudience(),
          trino.serviceTokenValidity(),
          Clock.systemUTC());
    }
    return ServiceTokens.fixed(
        trino
            .serviceToken()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Reading products needs tributary.trino.signing-key-file or"
                            + " tributary.trino.service-token")));
  }
}
