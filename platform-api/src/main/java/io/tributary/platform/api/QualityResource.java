package io.tributary.platform.api;

import io.quarkus.security.Authenticated;
import io.tributary.platform.api.view.QualityView;
import io.tributary.platform.declaration.Sla;
import io.tributary.platform.quality.Trigger;
import io.tributary.platform.registry.Actor;
import io.tributary.platform.registry.AuditOutcome;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.Page;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.registry.ProductStatus;
import io.tributary.platform.registry.QualityEvaluation;
import io.tributary.platform.security.Caller;
import io.tributary.platform.security.CurrentCaller;
import io.tributary.platform.service.Documents;
import io.tributary.platform.service.DomainService;
import io.tributary.platform.service.ProductService;
import io.tributary.platform.service.QualityService;
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
import java.util.List;
import java.util.Optional;

/**
 * A product's quality: the latest evaluation of its checks and freshness, and the history of
 * evaluations; its owners and admins may run the checks now.
 */
// The whole path at class level, as RecordsResource does, so ProductsResource's shorter class path
// does not swallow the route.
@Authenticated
@Path("/api/v1/domains/{domain}/products/{product}/quality")
@Produces(MediaType.APPLICATION_JSON)
public class QualityResource {
  @Inject CurrentCaller caller;
  @Inject RequestContext request;
  @Inject DomainService domains;
  @Inject ProductService products;
  @Inject PlatformStore store;
  @Inject QualityService quality;

  /**
   * The latest evaluation (freshness measured now; null before the first) and one page of the
   * history, newest first, as stored.
   */
  public record QualityReport(
      String product, QualityView latest, List<QualityView> history, String nextPageToken) {}

  @GET
  public QualityReport get(
      @PathParam("domain") String domain,
      @PathParam("product") String product,
      @QueryParam("pageSize") @DefaultValue("20") int pageSize,
      @QueryParam("pageToken") String pageToken) {
    ProductRecord record = products.read(caller.get(), domain, product, request.requestId());
    Page<QualityEvaluation> history =
        store.listQualityEvaluations(domain, product, Paging.request(pageSize, pageToken));
    Optional<QualityEvaluation> latest = store.latestQualityEvaluation(domain, product);
    return new QualityReport(
        domain + "." + product,
        latest
            .map(
                evaluation ->
                    QualityView.current(
                        evaluation,
                        Optional.empty(),
                        Documents.storedProduct(record.document())
                            .spec()
                            .sla()
                            .map(Sla::freshness)))
            .orElse(null),
        history.items().stream().map(QualityView::of).toList(),
        history.nextPageToken().orElse(null));
  }

  /** Runs the checks now and answers with the stored evaluation. */
  @POST
  @Path("/run")
  public QualityView run(@PathParam("domain") String domain, @PathParam("product") String product) {
    Caller current = caller.get();
    Actor actor = new Actor(current.user(), request.requestId());
    String target = domain + "." + product;
    DomainRecord domainRecord = domains.require(domain);
    if (!Role.of(current, domainRecord).mayChange()) {
      store.recordAuditEvent(domain, actor, "product.quality.run", target, AuditOutcome.DENIED);
      throw PlatformException.forbidden(
          "Only the owners of domain '%s' or platform admins may run the quality checks of %s"
              .formatted(domain, target));
    }
    ProductRecord record = products.require(domain, product);
    if (record.status() == ProductStatus.RETIRED) {
      throw new PlatformException(
          ErrorCode.CONFLICT, target + " is retired: its quality is no longer evaluated");
    }
    QualityEvaluation evaluation =
        quality
            .evaluate(domain, product, Trigger.MANUAL)
            .orElseThrow(() -> PlatformException.notFound("No product '%s'".formatted(target)));
    store.recordAuditEvent(
        domain,
        actor,
        "product.quality.run",
        "%s: %s".formatted(target, evaluation.status().displayName()),
        AuditOutcome.SUCCEEDED);
    return QualityView.of(evaluation);
  }
}
