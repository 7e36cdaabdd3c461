package io.tributary.platform.api;

import io.quarkus.security.Authenticated;
import io.tributary.platform.api.view.RefreshView;
import io.tributary.platform.config.PlatformConfig;
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
import java.util.Set;

/** A product's refreshes (SQL-derived products) and its lineage across domains. */
@Authenticated
@Path("/api/v1/domains/{domain}/products/{product}")
@Produces(MediaType.APPLICATION_JSON)
public class PipelinesResource {
  /** The deepest lineage walk asked for; the mesh's chains are far shorter. */
  static final int MAXIMUM_DEPTH = 20;

  /**
   * The triggers a refresh request may name; {@code declared} is the scheduler's own, for a product
   * never refreshed.
   */
  static final List<RefreshTrigger> REQUESTABLE_TRIGGERS =
      List.of(RefreshTrigger.MANUAL, RefreshTrigger.SCHEDULE, RefreshTrigger.INPUT_CHANGED);

  @Inject CurrentCaller caller;
  @Inject RequestContext request;
  @Inject DomainService domains;
  @Inject ProductService products;
  @Inject PlatformStore store;
  @Inject RefreshService refreshes;
  @Inject PlatformConfig config;

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
   * its status and error). For the domain's owners and admins, and for the trigger clients ({@code
   * tributary.pipelines.trigger-clients}, such as AWS EventBridge's connection), which may refresh
   * any derived product and nothing else; 409 for a product not derived by SQL.
   *
   * @param trigger what the run history names as the trigger: {@code manual} (the default), or, for
   *     trigger clients only, {@code schedule} or {@code input-changed}; the latter runs only when
   *     the inputs' snapshots differ from those of the latest successful refresh, and otherwise
   *     answers that refresh, so a repeated or retried event refreshes once
   */
  @POST
  @Path("/refresh")
  public RefreshView refresh(
      @PathParam("domain") String domain,
      @PathParam("product") String product,
      @QueryParam("trigger") String trigger) {
    RefreshTrigger requested = requestedTrigger(trigger);
    Caller current = caller.get();
    DomainRecord record = domains.require(domain);
    boolean triggerClient =
        config.pipelines().triggerClients().orElse(Set.of()).contains(current.user());
    if (!triggerClient && requested != RefreshTrigger.MANUAL) {
      deny(current, domain, product);
      throw PlatformException.forbidden(
          "Only trigger clients (tributary.pipelines.trigger-clients) may refresh with trigger=%s"
              .formatted(requested.declaredName()));
    }
    if (!triggerClient && !Role.of(current, record).mayChange()) {
      deny(current, domain, product);
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
    return RefreshView.of(
        requested == RefreshTrigger.INPUT_CHANGED
            ? refreshes.refreshIfInputsChanged(derived)
            : refreshes.refresh(derived, requested));
  }

  private static RefreshTrigger requestedTrigger(String trigger) {
    if (trigger == null || trigger.isBlank()) {
      return RefreshTrigger.MANUAL;
    }
    for (RefreshTrigger candidate : REQUESTABLE_TRIGGERS) {
      if (candidate.declaredName().equals(trigger)) {
        return candidate;
      }
    }
    throw new PlatformException(
        ErrorCode.INVALID_REQUEST,
        "trigger must be one of %s, got '%s'"
            .formatted(
                String.join(
                    ", ", REQUESTABLE_TRIGGERS.stream().map(RefreshTrigger::declaredName).toList()),
                trigger));
  }

  private void deny(Caller current, String domain, String product) {
    store.recordAuditEvent(
        domain,
        new Actor(current.user(), request.requestId()),
        "product.refresh",
        domain + "." + product,
        AuditOutcome.DENIED);
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
