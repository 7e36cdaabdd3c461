package io.tributary.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.tributary.platform.api.view.AccessRequestView;
import io.tributary.platform.registry.AccessRequestRecord;
import io.tributary.platform.security.CurrentCaller;
import io.tributary.platform.service.AccessRequestService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * Asking for access to a product: {@code {"columns": "all" | [...], "purpose": "...", "duration":
 * "P30D"}}. A root resource of its own, since JAX-RS would otherwise route the path to {@link
 * ProductsResource} and stop there.
 */
@Authenticated
@Path("/api/v1/domains/{domain}/products/{product}/access-requests")
@Produces(MediaType.APPLICATION_JSON)
public class ProductAccessRequestsResource {
  @Inject CurrentCaller caller;
  @Inject RequestContext request;
  @Inject AccessRequestService accessRequests;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @PathParam("domain") String domain, @PathParam("product") String product, JsonNode body) {
    AccessRequestRecord created =
        accessRequests.request(caller.get(), domain, product, body, request.requestId());
    return Response.status(201)
        .entity(AccessRequestView.of(created, Instant.now()))
        .tag(String.valueOf(created.revision()))
        .build();
  }
}
