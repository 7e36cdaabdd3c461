package io.tributary.platform.api;

import io.quarkus.security.Authenticated;
import io.tributary.platform.api.view.RefreshView;
import io.tributary.platform.declaration.ProductReference;
import io.tributary.platform.lineage.LineageGraph;
import io.tributary.platform.pipeline.RefreshService;
import io.tributary.platform.pipeline.RefreshTrigger;
import io.tributary.platform.registry.Actor;
import io.tributary.platform.registry.AuditOutcome;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.Page;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.registry.RefreshRun;
import io.tributary.platform.security.Caller;
import io.tributary.platform.security.CurrentCaller;
import io.tributary.platform.service.DomainService;
import io.tributary.platform.service.ProductService;
import io.tributary.platform.service.Role;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A product's refreshes (SQL-derived products) and its lineage across domains. */
@Authenticated
@Path("/api/v1/domains/{domain}/products/{product}")
@Produces(MediaType.APPLICATION_JSON)
public class PipelinesResource {
  /** The deepest lineage walk asked for; the mesh's chains are far shorter. */
  static final int MAXIMUM_DEPTH = 20;

  @Inject CurrentCaller caller;
  @Inject RequestContext request;
  @Inject DomainService domains;
  @Inject ProductService products;
  @Inject PlatformStore store;
  @Inject RefreshService refreshes;

  /** A page of refreshes, newest first. */
  public record RefreshPage(List<RefreshView> refreshes, String nextPageToken) {}

  /** The refresh history, for whoever may see the product. */
  @GET
  @Path("/refreshes")
  public RefreshPage history(
      @PathParam("domain") String domain,
      @PathParam("product") String product,
      @QueryParam("pageSize") @DefaultValue("20") int pageSize,
      @QueryParam("pageToken") String pageToken) {
    products.read(caller.get(), domain, product, request.requestId());
    Page<RefreshRun> page =
        store.listRefreshRuns(domain, product, Paging.request(pageSize, pageToken));
    return new RefreshPage(
        page.items().stream().map(RefreshView::of).toList(), page.nextPageToken().orElse(null));
  }

  /**
   * Refreshes a SQL-derived product now and answers the finished run (which may have failed: see
   * its status and error). For the domain's owners and admins; 409 for a product not derived by
   * SQL.
   */
  @POST
  @Path("/refresh")
  public RefreshView refresh(
      @PathParam("domain") String domain, @PathParam("product") String product) {
    Caller current = caller.get();
    DomainRecord record = domains.require(domain);
    if (!Role.of(current, record).mayChange()) {
      store.recordAuditEvent(
          domain,
          new Actor(current.user(), request.requestId()),
          "product.refresh",
          domain + "." + product,
          AuditOutcome.DENIED);
      throw PlatformException.forbidden(
          "Only the owners of domain '%s' or platform admins may refresh its products"
              .formatted(domain));
    }
    ProductRecord derived = products.require(domain, product);
    if (RefreshService.sqlSource(derived).isEmpty()) {
      throw new PlatformException(
          ErrorCode.CONFLICT,
          "%s.%s is not derived by SQL (source.type sql); there is nothing to refresh"
              .formatted(domain, product));
    }
    return RefreshView.of(refreshes.refresh(derived, RefreshTrigger.MANUAL));
  }

  /**
   * Upstream and downstream products across domains, up to {@code depth} edges each way. Products
   * the caller may not see are left out (see {@link LineageGraph}).
   */
  @GET
  @Path("/lineage")
  public LineageGraph lineage(
      @PathParam("domain") String domain,
      @PathParam("product") String product,
      @QueryParam("depth") @DefaultValue("5") int depth) {
    if (depth < 1 || depth > MAXIMUM_DEPTH) {
      throw new PlatformException(
          ErrorCode.INVALID_REQUEST,
          "depth must be between 1 and %d, got %d".formatted(MAXIMUM_DEPTH, depth));
    }
    Caller current = caller.get();
    products.read(current, domain, product, request.requestId());
    Map<String, DomainRecord> domainsByName = new HashMap<>();
    List<ProductRecord> all = new ArrayList<>();
    for (DomainRecord each : store.allDomains()) {
      domainsByName.put(each.name(), each);
      all.addAll(store.listProducts(each.name()));
    }
    return LineageGraph.of(
        new ProductReference(domain, product),
        all,
        candidate ->
            ProductService.visibleTo(current, domainsByName.get(candidate.domain()), candidate),
        depth);
  }
}
