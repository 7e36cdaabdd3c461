package io.tributary.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.tributary.platform.api.view.AccessRequestView;
import io.tributary.platform.registry.AccessRequestRecord;
import io.tributary.platform.registry.AccessRequestStatus;
import io.tributary.platform.security.CurrentCaller;
import io.tributary.platform.service.AccessRequestService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Listing access requests and deciding them; products take requests in {@link
 * ProductAccessRequestsResource}.
 */
@Authenticated
@Path("/api/v1/access-requests")
@Produces(MediaType.APPLICATION_JSON)
public class AccessRequestsResource {
  @Inject CurrentCaller caller;
  @Inject RequestContext request;
  @Inject AccessRequestService accessRequests;

  @GET
  public List<AccessRequestView> list(
      @QueryParam("status") String status, @QueryParam("role") String role) {
    Optional<AccessRequestService.Role> wantedRole =
        Optional.ofNullable(role)
            .filter(text -> !text.isBlank())
            .map(
                text -> {
                  try {
                    return AccessRequestService.Role.valueOf(text.toUpperCase(Locale.ROOT));
                  } catch (IllegalArgumentException e) {
                    throw new PlatformException(
                        ErrorCode.INVALID_REQUEST,
                        "role must be requester or decider, not '%s'".formatted(text));
                  }
                });
    Instant now = Instant.now();
    return accessRequests
        .list(
            caller.get(),
            Optional.ofNullable(status).filter(text -> !text.isBlank()),
            wantedRole,
            now)
        .stream()
        .map(found -> AccessRequestView.of(found, now))
        .toList();
  }

  @GET
  @Path("/{id}")
  public Response get(@PathParam("id") String id) {
    AccessRequestRecord found = accessRequests.read(caller.get(), id, request.requestId());
    return Response.ok(AccessRequestView.of(found, Instant.now()))
        .tag(String.valueOf(found.revision()))
        .build();
  }

  @Inject com.fasterxml.jackson.databind.ObjectMapper json;

  @POST
  @Path("/{id}/approve")
  @Consumes(MediaType.WILDCARD)
  public Response approve(@PathParam("id") String id, String body) {
    return decide(id, AccessRequestStatus.APPROVED, body);
  }

  @POST
  @Path("/{id}/reject")
  @Consumes(MediaType.WILDCARD)
  public Response reject(@PathParam("id") String id, String body) {
    return decide(id, AccessRequestStatus.REJECTED, body);
  }

  @POST
  @Path("/{id}/revoke")
  @Consumes(MediaType.WILDCARD)
  public Response revoke(@PathParam("id") String id, String body) {
    return decide(id, AccessRequestStatus.REVOKED, body);
  }

  /** The optional body of a decision: {@code {"reason": "..."}}. */
  private Response decide(String id, AccessRequestStatus decision, String body) {
    String reason = null;
    if (body != null && !body.isBlank()) {
      JsonNode parsed;
      try {
        parsed = json.readTree(body);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new PlatformException(
            ErrorCode.INVALID_REQUEST, "The body is not JSON: " + e.getOriginalMessage());
      }
      JsonNode given = parsed.path("reason");
      if (!given.isMissingNode() && !given.isNull() && !given.isTextual()) {
        throw new PlatformException(
            ErrorCode.INVALID_REQUEST,
            "The decision is not valid",
            List.of(new PlatformException.FieldError("/reason", "must be text")));
      }
      reason = given.isTextual() ? given.asText() : null;
    }
    AccessRequestRecord decided =
        accessRequests.decide(
            caller.get(), id, decision, reason, request.ifMatch(), request.requestId());
    return Response.ok(AccessRequestView.of(decided, Instant.now()))
        .tag(String.valueOf(decided.revision()))
        .build();
  }
}
