package io.tributary.platform.api;

import io.quarkus.security.Authenticated;
import io.tributary.platform.api.view.DomainView;
import io.tributary.platform.api.view.RunView;
import io.tributary.platform.registry.AuditEvent;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.Page;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProvisioningRun;
import io.tributary.platform.security.CurrentCaller;
import io.tributary.platform.service.DomainService;
import io.tributary.platform.service.Role;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Onboarding and reading domains. */
@Authenticated
@Path("/api/v1/domains")
@Produces(MediaType.APPLICATION_JSON)
public class DomainsResource {
  @Inject CurrentCaller caller;
  @Inject RequestContext request;
  @Inject DomainService domains;
  @Inject PlatformStore store;

  /** What a change to a domain answers. */
  public record DomainChange(DomainView domain, long revision, RunView run) {}

  @PUT
  @Path("/{domain}")
  @Consumes(MediaType.WILDCARD)
  public Response put(@PathParam("domain") String name, String body) {
    DomainService.Result result =
        domains.put(
            caller.get(), name, body == null ? "" : body, request.ifMatch(), request.requestId());
    return Response.status(result.created() ? 201 : 200)
        .tag(String.valueOf(result.domain().revision()))
        .entity(
            new DomainChange(
                DomainView.of(result.domain()),
                result.domain().revision(),
                RunView.of(result.run().run())))
        .build();
  }

  @GET
  public List<DomainView.Summary> list() {
    return store.allDomains().stream().map(DomainView.Summary::of).toList();
  }

  @GET
  @Path("/{domain}")
  public Response get(@PathParam("domain") String name) {
    DomainRecord domain = domains.read(caller.get(), name, request.requestId());
    return Response.ok(DomainView.of(domain)).tag(String.valueOf(domain.revision())).build();
  }

  /** A page of the domain's provisioning runs, newest first. */
  public record RunPage(List<RunView> runs, String nextPageToken) {}

  @GET
  @Path("/{domain}/runs")
  public RunPage runs(
      @PathParam("domain") String name,
      @QueryParam("pageSize") @DefaultValue("20") int pageSize,
      @QueryParam("pageToken") String pageToken) {
    domains.read(caller.get(), name, request.requestId());
    Page<ProvisioningRun> page = store.listRuns(name, Paging.request(pageSize, pageToken));
    return new RunPage(
        page.items().stream().map(RunView::of).toList(), page.nextPageToken().orElse(null));
  }

  /** A page of the domain's audit log, newest first. */
  public record AuditPage(List<AuditEvent> events, String nextPageToken) {}

  @GET
  @Path("/{domain}/audit")
  public AuditPage audit(
      @PathParam("domain") String name,
      @QueryParam("pageSize") @DefaultValue("50") int pageSize,
      @QueryParam("pageToken") String pageToken) {
    DomainRecord domain = domains.require(name);
    if (!Role.of(caller.get(), domain).mayChange()) {
      throw PlatformException.forbidden(
          "The audit log of domain '%s' is for its owners and platform admins".formatted(name));
    }
    Page<AuditEvent> page = store.listAuditEvents(name, Paging.request(pageSize, pageToken));
    return new AuditPage(page.items(), page.nextPageToken().orElse(null));
  }
}
