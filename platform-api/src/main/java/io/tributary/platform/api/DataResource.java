package io.tributary.platform.api;

import io.quarkus.security.Authenticated;
import io.tributary.platform.query.DataPage;
import io.tributary.platform.query.EngineFailureException;
import io.tributary.platform.query.InvalidParameterException;
import io.tributary.platform.query.QueryDeniedException;
import io.tributary.platform.query.QueryEngine;
import io.tributary.platform.query.QueryException;
import io.tributary.platform.query.ReadRequest;
import io.tributary.platform.query.RowFormat;
import io.tributary.platform.query.TableNotFoundException;
import io.tributary.platform.query.TableReference;
import io.tributary.platform.query.TableResolver;
import io.tributary.platform.security.Caller;
import io.tributary.platform.security.CurrentCaller;
import io.tributary.platform.usage.UsageRecorder;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A product's rows, read as the caller through the engine, streamed in the format {@code Accept}
 * asks for. Every check of who may read what happens in the engine.
 */
// The whole path at class level: JAX-RS picks the root resource by its class path first, and
// ProductsResource's shorter one would otherwise swallow this route.
@Authenticated
@Path("/api/v1/domains/{domain}/products/{product}/data")
public class DataResource {
  private static final Logger LOG = Logger.getLogger(DataResource.class);

  /** Where CSV and NDJSON responses (which have no envelope) carry the next page's token. */
  public static final String NEXT_PAGE_TOKEN_HEADER = "Tributary-Next-Page-Token";

  /** The snapshot the rows were read from, for every format. */
  public static final String SNAPSHOT_ID_HEADER = "Tributary-Snapshot-Id";

  public static final String CSV = "text/csv";
  public static final String NDJSON = "application/x-ndjson";

  @Inject CurrentCaller caller;
  @Inject QueryEngine engine;
  @Inject TableResolver tables;
  @Inject UsageRecorder usage;

  @GET
  @Produces({MediaType.APPLICATION_JSON, CSV, NDJSON})
  public Response data(
      @PathParam("domain") String domain,
      @PathParam("product") String product,
      @QueryParam("columns") String columns,
      @QueryParam("filter") String filter,
      @QueryParam("limit") String limit,
      @QueryParam("asOf") String asOf,
      @QueryParam("pageToken") String pageToken,
      @Context HttpHeaders headers) {
    RowFormat format = negotiate(headers.getAcceptableMediaTypes());
    DataPage page;
    try {
      ReadRequest request = ReadRequest.parse(columns, filter, limit, asOf, pageToken);
      TableReference table = tables.resolve(domain, product);
      // Opened before the response starts, so a denial or a bad parameter is still a problem
      // document rather than a broken stream.
      Caller reader = caller.get();
      page = engine.read(reader.user(), reader.groups(), table, request);
    } catch (QueryException failure) {
      throw problem(failure);
    }
    String consumer = caller.get().user();
    StreamingOutput body =
        output -> {
          try (page) {
            format.write(page, output);
          } catch (RuntimeException failure) {
            // Headers are gone: all that is left is to break the stream, so the client sees an
            // incomplete response instead of a short one.
            LOG.errorf(failure, "Reading %s.%s failed after the response started", domain, product);
            throw failure;
          } finally {
            // Closed by now, so the statistics are complete; a broken read cost the engine too.
            page.statistics()
                .ifPresent(statistics -> usage.record(domain, product, consumer, statistics));
          }
        };
    Response.ResponseBuilder response = Response.ok(body, responseType(format));
    page.nextPageToken().ifPresent(token -> response.header(NEXT_PAGE_TOKEN_HEADER, token));
    page.snapshotId().ifPresent(id -> response.header(SNAPSHOT_ID_HEADER, Long.toString(id)));
    return response.build();
  }

  /** The first format, in the client's order of preference, that {@code Accept} allows. */
  private static RowFormat negotiate(List<MediaType> acceptable) {
    for (MediaType wanted : acceptable) {
      for (RowFormat format : RowFormat.values()) {
        if (wanted.isCompatible(MediaType.valueOf(format.mediaType()))) {
          return format;
        }
      }
    }
    throw new NotAcceptableException(
        "Rows are served as application/json, text/csv or application/x-ndjson");
  }

  private static String responseType(RowFormat format) {
    return format == RowFormat.CSV ? CSV + ";charset=UTF-8" : format.mediaType();
  }

  private static PlatformException problem(QueryException failure) {
    return switch (failure) {
      case InvalidParameterException invalid ->
          new PlatformException(
              ErrorCode.INVALID_REQUEST,
              "The parameter '%s' is not valid: %s"
                  .formatted(invalid.parameter(), invalid.getMessage()),
              List.of(new PlatformException.FieldError(invalid.parameter(), invalid.getMessage())));
      case QueryDeniedException denied -> PlatformException.forbidden(denied.getMessage());
      case TableNotFoundException missing -> PlatformException.notFound(missing.getMessage());
      case EngineFailureException engineFailure -> {
        LOG.errorf(engineFailure, "The engine failed: %s", engineFailure.getMessage());
        yield new PlatformException(ErrorCode.ENGINE_ERROR, engineFailure.getMessage());
      }
    };
  }
}
