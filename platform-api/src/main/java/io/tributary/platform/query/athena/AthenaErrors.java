package io.tributary.platform.query.athena;

import io.tributary.platform.query.EngineFailureException;
import io.tributary.platform.query.InvalidParameterException;
import io.tributary.platform.query.PageQueries;
import io.tributary.platform.query.QueryDeniedException;
import io.tributary.platform.query.QueryException;
import io.tributary.platform.query.ReadRequest;
import io.tributary.platform.query.TableNotFoundException;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;

/**
 * Turns Athena's failures into the query port's typed errors, each naming the query execution id so
 * an operator finds it in Athena's history.
 *
 * <p>A failed query reports an {@code AthenaError} ({@code ErrorCategory} 1 system, 2 user, 3
 * other; an {@code ErrorType} from Athena's error catalog) and a {@code StateChangeReason}; engine
 * v3 starts the reason with Trino's error name ({@code TABLE_NOT_FOUND: line 1:15: ...}). The
 * reason's text decides the kind, the category only whether a user error is the request's.
 */
final class AthenaErrors {
  /** Athena's {@code ErrorCategory} of errors in the query rather than the service. */
  static final int USER_CATEGORY = 2;

  /**
   * Lake Formation's refusals under Athena ("Insufficient Lake Formation permission(s)"), IAM's
   * ("AccessDeniedException", "is not authorized to perform"), and the Trino names and messages
   * engine v3 reports a refusal by.
   */
  private static final Pattern DENIAL =
      Pattern.compile(
          "Insufficient Lake Formation permission|AccessDenied|Access Denied|PERMISSION_DENIED"
              + "|not authorized to perform|Relation not found or not allowed",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern MISSING =
      Pattern.compile(
          "TABLE_NOT_FOUND|SCHEMA_NOT_FOUND|CATALOG_NOT_FOUND|EntityNotFoundException"
              + "|(Table|Schema|Catalog|Database) '[^']*' (does not exist|not found)");

  private static final Pattern UNKNOWN_SNAPSHOT =
      Pattern.compile("snapshot ID does not exist", Pattern.CASE_INSENSITIVE);

  /**
   * What a filter's values can do wrong in our SQL: a literal out of its column's range, or one the
   * column's type cannot be compared with.
   */
  private static final Pattern VALUE_ERROR =
      Pattern.compile(
          "NUMERIC_VALUE_OUT_OF_RANGE|INVALID_CAST_ARGUMENT|TYPE_MISMATCH|INVALID_LITERAL"
              + "|out of range|Cannot cast");

  /**
   * How Athena says it cancelled a query for scanning more than the workgroup's per-query data
   * usage control ({@code BytesScannedCutoffPerQuery}) allows.
   */
  private static final Pattern SCAN_LIMIT =
      Pattern.compile(
          "bytes scanned limit|data scanned limit|BytesScannedCutoffPerQuery",
          Pattern.CASE_INSENSITIVE);

  private AthenaErrors() {}

  /**
   * The error of a query that ended FAILED or CANCELLED.
   *
   * @param queryId the query execution id
   * @param status its final status
   * @param domain the domain whose workgroup ran it
   * @param request the read it served; empty for the platform's own lookups
   */
  static QueryException ofFinished(
      String queryId, QueryExecutionStatus status, String domain, ReadRequest request) {
    String reason = reason(status);
    if (SCAN_LIMIT.matcher(reason).find()) {
      return new EngineFailureException(
          ("The query %s read more data than the domain '%s' allows one query to scan (its"
                  + " workgroup's per-query limit), so Athena cancelled it; read fewer columns or"
                  + " filter the rows: %s")
              .formatted(queryId, domain, reason),
          null);
    }
    if ("CANCELLED".equals(status.stateAsString())) {
      return new EngineFailureException(
          "Athena query %s: the query was cancelled before it finished: %s"
              .formatted(queryId, reason),
          null);
    }
    String message = "Athena query %s failed: %s".formatted(queryId, reason);
    if (DENIAL.matcher(reason).find()) {
      // The platform's own lookups being refused is no fault of the caller's.
      return request == null
          ? new EngineFailureException(message, null)
          : new QueryDeniedException(message, null);
    }
    if (MISSING.matcher(reason).find()) {
      return new TableNotFoundException(message, null);
    }
    if (request != null
        && request.pageToken().isPresent()
        && UNKNOWN_SNAPSHOT.matcher(reason).find()) {
      return PageQueries.expiredSnapshot();
    }
    if (request != null
        && !request.filter().isEmpty()
        && isUserError(status.athenaError())
        && VALUE_ERROR.matcher(reason).find()) {
      return new InvalidParameterException(
          ReadRequest.FILTER,
          "Athena cannot compare the filter's values with the columns (query %s): %s"
              .formatted(queryId, reason));
    }
    return new EngineFailureException(message, null);
  }

  /**
   * A refused API call ({@code InvalidRequestException}, {@code TooManyRequestsException}, an
   * unreachable endpoint): the engine's failure, with AWS's own message.
   */
  static QueryException ofCall(String action, SdkException failure) {
    if (failure instanceof AwsServiceException service
        && service.awsErrorDetails() != null
        && DENIAL.matcher(String.valueOf(service.awsErrorDetails().errorCode())).find()) {
      return new QueryDeniedException(
          "Athena refused to %s: %s".formatted(action, awsMessage(failure)), failure);
    }
    return new EngineFailureException(
        "Athena failed to %s: %s".formatted(action, awsMessage(failure)), failure);
  }

  static String awsMessage(SdkException failure) {
    if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return service.awsErrorDetails().errorCode()
          + ": "
          + service.awsErrorDetails().errorMessage();
    }
    return failure.getMessage();
  }

  private static boolean isUserError(AthenaError error) {
    return error != null && error.errorCategory() != null && error.errorCategory() == USER_CATEGORY;
  }

  private static String reason(QueryExecutionStatus status) {
    String reason = status.stateChangeReason();
    if (reason == null || reason.isBlank()) {
      AthenaError error = status.athenaError();
      reason =
          error == null || error.errorMessage() == null ? "no reason given" : error.errorMessage();
    }
    return reason;
  }
}
