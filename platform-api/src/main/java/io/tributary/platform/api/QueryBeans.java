package io.tributary.platform.api;

import io.tributary.platform.aws.PrincipalRoles;
import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.query.FilterCompiler;
import io.tributary.platform.query.QueryEngine;
import io.tributary.platform.query.RowFilterCompiler;
import io.tributary.platform.query.athena.AthenaQueryEngine;
import io.tributary.platform.query.trino.ServiceTokens;
import io.tributary.platform.query.trino.SignedServiceTokens;
import io.tributary.platform.query.trino.TrinoQueryEngine;
import io.tributary.platform.wiring.PipelineBeans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * Wires the data endpoint's engine, chosen by {@code tributary.engine.type} ({@code trino} or
 * {@code athena}), and its filter compiler; the table resolver is the registry's ({@code
 * RegistryTableResolver}).
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
    return switch (config.engine().type()) {
      case "trino" ->
          new TrinoQueryEngine(
              config.engine().jdbcUrl(),
              config.trino().serviceUser(),
              serviceTokens(config),
              filterCompiler);
      case "athena" -> athenaEngine(config, filterCompiler);
      default ->
          throw new IllegalStateException(
              "tributary.engine.type must be trino or athena, not '%s'"
                  .formatted(config.engine().type()));
    };
  }

  private static QueryEngine athenaEngine(PlatformConfig config, FilterCompiler filterCompiler) {
    PlatformConfig.Aws aws = config.aws();
    String accountId =
        aws.accountId()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "tributary.engine.type is athena but tributary.aws.account-id is not set:"
                            + " the account of the roles the engine assumes"));
    return AthenaQueryEngine.connect(
        PipelineBeans.athenaSettings(config),
        aws.region(),
        Optional.ofNullable(aws.endpoints().get("athena")),
        Optional.ofNullable(aws.endpoints().get("sts")),
        new PrincipalRoles(accountId, aws.principalRoleTemplate()),
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
