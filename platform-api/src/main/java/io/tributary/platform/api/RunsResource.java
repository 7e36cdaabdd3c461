package io.tributary.platform.api;

import io.quarkus.security.Authenticated;
import io.tributary.platform.api.view.RunView;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProvisioningRun;
import io.tributary.platform.registry.RunId;
import io.tributary.platform.security.CurrentCaller;
import io.tributary.platform.service.DomainService;
import io.tributary.platform.service.Provisioning;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Provisioning runs: status, plan, log; a failed run can be retried. */
@Authenticated
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {
  @Inject CurrentCaller caller;
  @Inject RequestContext request;
  @Inject PlatformStore store;
  @Inject DomainService domains;
  @Inject Provisioning provisioning;

  @GET
  @Path("/{id}")
  public RunView get(@PathParam("id") String id) {
    RunId runId;
    try {
      runId = RunId.parse(id);
    } catch (IllegalArgumentException e) {
      throw PlatformException.notFound("No run '%s'".formatted(id));
    }
    // The run belongs to a domain: only those who may read the domain may read its runs.
    domains.read(caller.get(), runId.domain(), request.requestId());
    ProvisioningRun run =
        store
            .getRun(runId)
            .orElseThrow(() -> PlatformException.notFound("No run '%s'".formatted(id)));
    return RunView.of(run);
  }

  /**
   * Runs the failed run's domain again over its current desired state: a new run, triggered {@code
   * retry of <id>}, answered with 201 and its location. For the domain's owners and admins; 409
   * when the run did not fail.
   */
  @POST
  @Path("/{id}/retry")
  public Response retry(@PathParam("id") String id) {
    RunId runId;
    try {
      runId = RunId.parse(id);
    } catch (IllegalArgumentException e) {
      throw PlatformException.notFound("No run '%s'".formatted(id));
    }
    Provisioning.RunResult result = provisioning.retry(caller.get(), runId, request.requestId());
    return Response.status(201)
        .location(URI.create("/api/v1/runs/" + result.run().id()))
        .entity(RunView.of(result.run()))
        .build();
  }
}
