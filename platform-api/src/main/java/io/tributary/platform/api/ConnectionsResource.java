package io.tributary.platform.api;

import io.quarkus.security.Authenticated;
import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.security.CurrentCaller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** How a BI tool connects to this deployment's SQL engine. */
@Authenticated
@Path("/api/v1/connections")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionsResource {
  @Inject PlatformConfig config;
  @Inject CurrentCaller caller;

  /** Everything a JDBC client needs but the token itself. */
  public record JdbcConnection(
      String jdbcUrl,
      String driverClass,
      String driverArtifact,
      String user,
      String authentication,
      String trustStore) {}

  @GET
  @Path("/jdbc")
  public JdbcConnection jdbc() {
    return new JdbcConnection(
        config.engine().jdbcUrl(),
        "io.trino.jdbc.TrinoDriver",
        "io.trino:trino-jdbc:476",
        caller.get().user(),
        "Set the connection property accessToken to your OIDC access token (the same bearer token"
            + " this API takes) and user to '"
            + caller.get().user()
            + "'.",
        config.engine().trustStore().orElse(null));
  }
}
