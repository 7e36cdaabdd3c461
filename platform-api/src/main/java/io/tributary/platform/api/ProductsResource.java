package io.tributary.platform.api;

import io.quarkus.security.Authenticated;
import io.tributary.platform.api.view.GrantView;
import io.tributary.platform.api.view.ProductSummary;
import io.tributary.platform.api.view.ProductView;
import io.tributary.platform.api.view.RunView;
import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.declaration.CompatibilityReport;
import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.Sla;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.registry.ProductStatus;
import io.tributary.platform.registry.ProductVersionRecord;
import io.tributary.platform.security.Caller;
import io.tributary.platform.security.CurrentCaller;
import io.tributary.platform.service.Documents;
import io.tributary.platform.service.DomainService;
import io.tributary.platform.service.PolicyModel;
import io.tributary.platform.service.ProductService;
import io.tributary.platform.service.Role;
import io.tributary.policies.grant.AccessEvaluator;
import io.tributary.policies.trino.DomainAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;

/** Declaring, reading and retiring a domain's products. */
@Authenticated
@Path("/api/v1/domains/{domain}/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductsResource {
  @Inject CurrentCaller caller;
  @Inject RequestContext request;
  @Inject ProductService products;
  @Inject DomainService domains;
  @Inject PlatformStore store;
  @Inject Catalog catalog;
  @Inject PlatformConfig config;
  @Inject io.tributary.platform.service.AccessControlPublisher accessControl;

  /** What a declaration answers: the product, the compatibility verdict, the plan and the run. */
  public record ProductChange(
      ProductView product, Long revision, boolean dryRun, List<ChangeView> changes, RunView run) {}

  /** One difference from the previous version, and whether it breaks consumers. */
  public record ChangeView(String pointer, String impact, String reason) {}

  @PUT
  @Path("/{product}")
  @Consumes(MediaType.WILDCARD)
  public Response put(
      @PathParam("domain") String domain,
      @PathParam("product") String product,
      @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
      String body) {
    ProductService.Result result =
        products.put(
            caller.get(),
            domain,
            product,
            body == null ? "" : body,
            request.ifMatch(),
            dryRun,
            request.requestId());
    ProductView view =
        result
            .product()
            .map(record -> view(caller.get(), domains.require(domain), record))
            .orElse(null);
    RunView run =
        result
            .run()
            .map(outcome -> RunView.of(outcome.run()))
            .orElseGet(() -> RunView.dryRun(domain, result.plan()));
    Response.ResponseBuilder response =
        Response.status(!dryRun && result.created() ? 201 : 200)
            .entity(
                new ProductChange(
                    view,
                    result.product().map(ProductRecord::revision).orElse(null),
                    dryRun,
                    changes(result.compatibility()),
                    run));
    result.product().ifPresent(record -> response.tag(String.valueOf(record.revision())));
    return response.build();
  }

  private static List<ChangeView> changes(CompatibilityReport report) {
    if (report == null) {
      return List.of();
    }
    return report.changes().stream()
        .map(
            change ->
                new ChangeView(
                    change.pointer(), change.impact().name().toLowerCase(), change.reason()))
        .toList();
  }

  @GET
  public List<ProductSummary> list(@PathParam("domain") String domain) {
    DomainRecord record = domains.require(domain);
    Caller current = caller.get();
    java.util.Map<String, io.tributary.platform.registry.QualityEvaluation> qualities =
        store.latestQualityEvaluations(domain);
    return store.listProducts(domain).stream()
        .filter(product -> ProductService.visibleTo(current, record, product))
        .map(
            product ->
                ProductSummary.of(
                    product,
                    io.tributary.platform.api.view.QualityView.listedStatus(
                        qualities.get(product.product()),
                        Documents.storedProduct(product.document())
                            .spec()
                            .sla()
                            .map(Sla::freshness))))
        .toList();
  }

  @GET
  @Path("/{product}")
  public Response get(@PathParam("domain") String domain, @PathParam("product") String product) {
    ProductRecord record = products.read(caller.get(), domain, product, request.requestId());
    return Response.ok(view(caller.get(), domains.require(domain), record))
        .tag(String.valueOf(record.revision()))
        .build();
  }

  @DELETE
  @Path("/{product}")
  public Response retire(@PathParam("domain") String domain, @PathParam("product") String product) {
    ProductService.Result result =
        products.retire(caller.get(), domain, product, request.ifMatch(), request.requestId());
    ProductRecord record = result.product().orElseThrow();
    return Response.ok(
            new ProductChange(
                view(caller.get(), domains.require(domain), record),
                record.revision(),
                false,
                List.of(),
                RunView.of(result.run().orElseThrow().run())))
        .tag(String.valueOf(record.revision()))
        .build();
  }

  /** Every declared version of the product, oldest first. */
  public record VersionView(String version, String status, Instant createdAt, String createdBy) {}

  @GET
  @Path("/{product}/versions")
  public List<VersionView> versions(
      @PathParam("domain") String domain, @PathParam("product") String product) {
    products.read(caller.get(), domain, product, request.requestId());
    return store.listProductVersions(domain, product).stream()
        .map(
            (ProductVersionRecord version) ->
                new VersionView(
                    version.version().toString(),
                    version.status().name().toLowerCase(),
                    version.createdAt(),
                    version.createdBy()))
        .toList();
  }

  /** One Iceberg snapshot: a commit to the product's table. */
  public record SnapshotView(
      long snapshotId,
      Long parentId,
      Instant committedAt,
      String operation,
      java.util.Map<String, String> summary) {}

  @GET
  @Path("/{product}/snapshots")
  public List<SnapshotView> snapshots(
      @PathParam("domain") String domain, @PathParam("product") String product) {
    products.read(caller.get(), domain, product, request.requestId());
    List<SnapshotView> snapshots = new ArrayList<>();
    for (Snapshot snapshot : table(domain, product).snapshots()) {
      snapshots.add(
          new SnapshotView(
              snapshot.snapshotId(),
              snapshot.parentId(),
              Instant.ofEpochMilli(snapshot.timestampMillis()),
              snapshot.operation(),
              snapshot.summary()));
    }
    return snapshots;
  }

  private Table table(String domain, String product) {
    try {
      return catalog.loadTable(TableIdentifier.of(domain, product));
    } catch (NoSuchTableException e) {
      throw new PlatformException(
          ErrorCode.CONFLICT,
          "%s.%s has no table yet: its provisioning has not succeeded (see its domain's runs)"
              .formatted(domain, product));
    }
  }

  private ProductView view(Caller caller, DomainRecord domain, ProductRecord record) {
    DataProduct product = Documents.storedProduct(record.document());
    Instant lastCommit = null;
    try {
      Snapshot current =
          catalog
              .loadTable(TableIdentifier.of(record.domain(), record.product()))
              .currentSnapshot();
      lastCommit = current == null ? null : Instant.ofEpochMilli(current.timestampMillis());
    } catch (NoSuchTableException notProvisionedYet) {
      // Freshness says no-data until the table exists.
    }
    Instant lastCommitAt = lastCommit;
    Role role = Role.of(caller, domain);
    boolean active = record.status() != ProductStatus.RETIRED;
    List<io.tributary.policies.grant.Grant> grants =
        accessControl.grantsOn(record.domain(), product, Instant.now());
    AccessEvaluator evaluation =
        AccessEvaluator.evaluate(
            new io.tributary.policies.grant.Caller(caller.user(), caller.groups()),
            PolicyModel.columns(product),
            new DomainAccess(domain.name(), domain.ownerGroups(), domain.memberGroups()),
            grants,
            Instant.now());
    java.util.Map<String, String> masked = new java.util.LinkedHashMap<>();
    evaluation.masks().forEach((column, mask) -> masked.put(column, mask.declaredName()));
    boolean admin = role == Role.ADMIN;
    return ProductView.of(
        record,
        ProductView.Freshness.of(
            lastCommit, product.spec().sla().map(Sla::freshness).orElse(null), Instant.now()),
        new ProductView.Access(
            role.name().toLowerCase(),
            active && (admin || evaluation.hasAccess()),
            role.mayChange(),
            admin ? PolicyModel.columns(product).names() : evaluation.visibleColumns(),
            masked,
            evaluation.basis() == AccessEvaluator.Basis.GRANTS
                ? io.tributary.policies.grant.GrantUnion.of(
                        PolicyModel.columns(product), evaluation.applicableGrants())
                    .rowFilter()
                    .map(io.tributary.policies.rowfilter.RowFilter::toSqlText)
                    .orElse(null)
                : null,
            role.mayChange() ? grants.stream().map(GrantView::of).toList() : List.of()),
        "%s.%s.%s".formatted(config.catalog().name(), record.domain(), record.product()),
        store
            .latestQualityEvaluation(record.domain(), record.product())
            .map(
                latest ->
                    io.tributary.platform.api.view.QualityView.current(
                        latest,
                        java.util.Optional.ofNullable(lastCommitAt),
                        product.spec().sla().map(Sla::freshness)))
            .orElse(null));
  }
}
