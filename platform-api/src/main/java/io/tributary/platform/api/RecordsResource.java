package io.tributary.platform.api;

import io.quarkus.security.Authenticated;
import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.ingestion.BatchFormat;
import io.tributary.platform.ingestion.BatchIngestion;
import io.tributary.platform.ingestion.IngestionException;
import io.tributary.platform.ingestion.IngestionLimits;
import io.tributary.platform.ingestion.IngestionResult;
import io.tributary.platform.registry.Actor;
import io.tributary.platform.registry.AuditOutcome;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.registry.ProductStatus;
import io.tributary.platform.security.Caller;
import io.tributary.platform.security.CurrentCaller;
import io.tributary.platform.service.Documents;
import io.tributary.platform.service.DomainService;
import io.tributary.platform.service.ProductService;
import io.tributary.platform.service.Role;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import org.apache.iceberg.catalog.Catalog;

/**
 * A product's producers post records: a JSON array or NDJSON, validated against the contract and
 * upserted by primary key in one Iceberg commit. The domain's owners and platform admins may post;
 * the batch itself is {@link BatchIngestion}'s business.
 */
// The whole path at class level, as DataResource does: ProductsResource's shorter class path would
// otherwise be chosen first and swallow this route.
@Authenticated
@Path("/api/v1/domains/{domain}/products/{product}/records")
public class RecordsResource {
  public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

  @Inject CurrentCaller caller;
  @Inject RequestContext request;
  @Inject DomainService domains;
  @Inject ProductService products;
  @Inject PlatformStore store;
  @Inject Catalog catalog;
  @Inject PlatformConfig config;

  @Inject
  jakarta.enterprise.event.Event<io.tributary.platform.quality.ProductChanged> productChanged;

  /** What a batch did; {@code replayed} batches were written before, under the same key. */
  public record BatchView(
      String product,
      int records,
      String mode,
      String snapshotId,
      String idempotencyKey,
      boolean replayed) {}

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response post(
      @PathParam("domain") String domain,
      @PathParam("product") String product,
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam("Content-Length") Long contentLength,
      @HeaderParam(IDEMPOTENCY_KEY_HEADER) String idempotencyKey,
      InputStream body) {
    Caller current = caller.get();
    Actor actor = new Actor(current.user(), request.requestId());
    String target = domain + "." + product;
    DomainRecord domainRecord = domains.require(domain);
    if (!Role.of(current, domainRecord).mayChange()) {
      store.recordAuditEvent(domain, actor, "product.ingest", target, AuditOutcome.DENIED);
      throw PlatformException.forbidden(
          "Only the owners of domain '%s' (its producers) or platform admins may post records to %s"
              .formatted(domain, target));
    }
    ProductRecord record = products.require(domain, product);
    PlatformConfig.Ingestion settings = config.ingestion();
    try {
      if (record.status() == ProductStatus.RETIRED) {
        throw new IngestionException.NotIngestible(
            target + " is retired: it takes no more records");
      }
      BatchFormat format =
          BatchFormat.ofContentType(contentType)
              .orElseThrow(
                  () ->
                      new PlatformException(
                          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                          "Records are posted as application/json (an array of objects) or"
                              + " application/x-ndjson (one object per line); got "
                              + (contentType == null ? "no Content-Type" : contentType)));
      // Refused before a byte is read when the client says how large the body is.
      if (contentLength != null && contentLength > settings.maxBytes()) {
        throw new IngestionException.TooLarge(
            "The body is %d bytes, more than %d, the limit (%s); split the batch"
                .formatted(contentLength, settings.maxBytes(), IngestionLimits.MAX_BYTES_KEY));
      }
      DataProduct declaration = Documents.storedProduct(record.document());
      IngestionResult result =
          new BatchIngestion(
                  catalog,
                  new IngestionLimits(
                      settings.maxRecords(),
                      settings.maxBytes(),
                      settings.idempotencyWindow(),
                      settings.idempotencySnapshots()),
                  Clock.systemUTC())
              .ingest(declaration, body, format, Optional.ofNullable(idempotencyKey));
      store.recordAuditEvent(
          domain,
          actor,
          "product.ingest",
          "%s snapshot %d, %d records%s"
              .formatted(
                  target,
                  result.snapshotId(),
                  result.records(),
                  result.replayed() ? ", replayed" : ""),
          AuditOutcome.SUCCEEDED);
      if (!result.replayed()) {
        // Observed synchronously, but the observer only queues the evaluation: no delay here.
        productChanged.fire(
            new io.tributary.platform.quality.ProductChanged(
                domain, product, io.tributary.platform.quality.Trigger.INGESTION));
      }
      return Response.status(result.replayed() ? 200 : 201)
          .entity(
              new BatchView(
                  target,
                  result.records(),
                  result.mode(),
                  Long.toString(result.snapshotId()),
                  result.idempotencyKey(),
                  result.replayed()))
          .build();
    } catch (IngestionException refused) {
      store.recordAuditEvent(domain, actor, "product.ingest", target, AuditOutcome.FAILED);
      throw problem(refused);
    } catch (RuntimeException failed) {
      // Refused by the API (415, 413) or failed on the way (S3, the catalog): audited all the same.
      store.recordAuditEvent(domain, actor, "product.ingest", target, AuditOutcome.FAILED);
      throw failed;
    }
  }

  private static PlatformException problem(IngestionException refused) {
    return switch (refused) {
      case IngestionException.TooLarge tooLarge ->
          new PlatformException(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
      case IngestionException.BadRequest bad ->
          new PlatformException(ErrorCode.INVALID_REQUEST, bad.getMessage());
      case IngestionException.InvalidRecords invalid ->
          new PlatformException(
              ErrorCode.INVALID_RECORDS,
              invalid.getMessage(),
              invalid.problems().stream()
                  .map(
                      problem ->
                          new PlatformException.FieldError(problem.pointer(), problem.message()))
                  .toList());
      case IngestionException.IdempotencyKeyReused reused ->
          new PlatformException(ErrorCode.IDEMPOTENCY_KEY_REUSED, reused.getMessage());
      case IngestionException.NotIngestible notIngestible ->
          new PlatformException(ErrorCode.CONFLICT, notIngestible.getMessage());
      case IngestionException.WriteConflict conflict ->
          new PlatformException(ErrorCode.CONFLICT, conflict.getMessage());
    };
  }
}
