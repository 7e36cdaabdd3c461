package io.tributary.platform.api;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.enforcement.trino.TrinoRulesEnforcer;
import io.tributary.platform.service.AccessControlPublisher;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Trino's access control for a cluster that cannot share the platform's files: the rules Trino
 * reads from {@code security.config-file} over HTTP, and the group file a sidecar copies next to
 * it. Both come from the same compile {@link AccessControlPublisher#publish()} writes to files,
 * made at each request, so every API replica answers the registry's current state.
 *
 * <p>Trino 476 fetches {@code security.config-file} with a plain GET that carries no credentials,
 * so besides the platform's service user (a bearer token whose subject is {@code
 * tributary.trino.service-user}) this answers a request carrying {@code
 * tributary.trino.rules-secret} as its {@code secret} parameter. Anyone else gets 403.
 */
// Neither @Authenticated nor @PermitAll: Trino calls without a token, and a @PermitAll resource
// would see every caller as anonymous, as authentication here runs only when the identity is read.
@Path("/api/v1/engine/trino")
public class TrinoRulesResource {
  @Inject AccessControlPublisher accessControl;
  @Inject PlatformConfig config;
  @Inject CurrentIdentityAssociation identities;

  @GET
  @Path("/rules")
  @Produces(MediaType.APPLICATION_JSON)
  public String rules(@QueryParam("secret") String secret) {
    authorize(secret);
    return compile().rules().toString();
  }

  @GET
  @Path("/groups")
  @Produces(MediaType.TEXT_PLAIN)
  public Response groups(@QueryParam("secret") String secret) {
    authorize(secret);
    return compile()
        .groupFile()
        .map(text -> Response.ok(text, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")))
        // A name Trino's group file cannot hold: the copy Trino has stays in force.
        .orElseGet(() -> Response.status(Response.Status.SERVICE_UNAVAILABLE))
        .build();
  }

  private TrinoRulesEnforcer.Compiled compile() {
    return accessControl.compileTrinoRules(Instant.now());
  }

  private void authorize(String secret) {
    Optional<String> expected = config.trino().rulesSecret().filter(value -> !value.isBlank());
    if (secret != null) {
      if (expected.isPresent() && sameSecret(expected.get(), secret)) {
        return;
      }
      throw PlatformException.forbidden("The secret does not open Trino's rules");
    }
    // Authenticates the bearer token, if any, now: nothing did before, as Trino sends none.
    SecurityIdentity identity = identities.getDeferredIdentity().await().indefinitely();
    if (identity.isAnonymous()) {
      throw new UnauthorizedException();
    }
    String subject =
        identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null
            ? token.getSubject()
            : identity.getPrincipal().getName();
    if (!config.trino().serviceUser().equals(subject)) {
      throw PlatformException.forbidden(
          "Only the Trino service principal '%s' reads Trino's rules"
              .formatted(config.trino().serviceUser()));
    }
  }

  /** Compares in constant time, so the answer's timing does not reveal the secret. */
  private static boolean sameSecret(String expected, String given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
