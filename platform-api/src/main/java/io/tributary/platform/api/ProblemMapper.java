package io.tributary.platform.api;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.tributary.platform.declaration.DeclarationException;
import io.tributary.platform.registry.RegistryException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Renders every failure as {@code application/problem+json}: 4xx logged at DEBUG, 5xx at ERROR with
 * an id the client also gets; never a stack trace to the client.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable failure) {
    String instance = uriInfo == null ? null : uriInfo.getPath();
    if (failure instanceof PlatformException platform) {
      LOG.debugf("%s %s: %s", platform.code(), instance, platform.getMessage());
      return problem(
          platform.code().status(),
          new Problem(
              platform.code().type(),
              platform.code().title(),
              platform.code().status(),
              platform.getMessage(),
              instance,
              null,
              platform.errors()));
    }
    if (failure instanceof AuthenticationFailedException
        || failure instanceof UnauthorizedException
        || failure instanceof AuthenticationCompletionException) {
      return unauthorized(instance);
    }
    if (failure instanceof ForbiddenException) {
      return toResponse(PlatformException.forbidden("Not allowed"));
    }
    if (failure instanceof DeclarationException invalid) {
      return toResponse(
          new PlatformException(
              ErrorCode.INVALID_DECLARATION,
              "The declaration has %d problem%s"
                  .formatted(invalid.problems().size(), invalid.problems().size() == 1 ? "" : "s"),
              invalid.problems().stream()
                  .map(
                      problem ->
                          new PlatformException.FieldError(problem.pointer(), problem.message()))
                  .toList()));
    }
    if (failure instanceof RegistryException registry && registry.httpStatus() < 500) {
      ErrorCode code =
          switch (registry.httpStatus()) {
            case 412 -> ErrorCode.STALE_REVISION;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.CONFLICT;
            default -> ErrorCode.INVALID_REQUEST;
          };
      return toResponse(new PlatformException(code, registry.getMessage()));
    }
    if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
      int status = web.getResponse().getStatus();
      LOG.debugf("HTTP %d %s: %s", status, instance, web.getMessage());
      Response.Status known = Response.Status.fromStatusCode(status);
      return problem(
          status,
          new Problem(
              "about:blank",
              known == null ? "HTTP " + status : known.getReasonPhrase(),
              status,
              web.getMessage(),
              instance,
              null,
              List.of()));
    }
    String errorId = UUID.randomUUID().toString();
    LOG.errorf(failure, "Internal error %s at %s", errorId, instance);
    return problem(
        500,
        new Problem(
            ErrorCode.INTERNAL.type(),
            ErrorCode.INTERNAL.title(),
            500,
            "Something went wrong on our side; quote error id " + errorId,
            instance,
            errorId,
            List.of()));
  }

  /** A missing, foreign or expired token: 401 with the bearer challenge. */
  static Response unauthorized(String instance) {
    return Response.status(401)
        .header("WWW-Authenticate", "Bearer")
        .type(Problem.MEDIA_TYPE)
        .entity(
            new Problem(
                "about:blank",
                "Unauthorized",
                401,
                "A valid bearer token is required: an OIDC access token, or locally"
                    + " ./tributary token <user>",
                instance,
                null,
                List.of()))
        .build();
  }

  private static Response problem(int status, Problem problem) {
    return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
  }
}
