package io.tributary.platform.query.athena;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.platform.query.EngineFailureException;
import io.tributary.platform.query.InvalidParameterException;
import io.tributary.platform.query.QueryDeniedException;
import io.tributary.platform.query.QueryException;
import io.tributary.platform.query.ReadRequest;
import io.tributary.platform.query.TableNotFoundException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.TooManyRequestsException;

/** Athena's failure shapes, as its API reference and error catalog document them, made typed. */
class AthenaErrorsTest {
  static final String QUERY = "5e6f0b0e-0000-4000-8000-000000000001";
  static final ReadRequest READ =
      new ReadRequest(List.of(), "amount > 1", 10, Optional.empty(), Optional.empty());

  static QueryExecutionStatus failed(int category, int type, String reason) {
    return QueryExecutionStatus.builder()
        .state("FAILED")
        .stateChangeReason(reason)
        .athenaError(
            AthenaError.builder()
                .errorCategory(category)
                .errorType(type)
                .errorMessage(reason)
                .build())
        .build();
  }

  @Test
  void lakeFormationAndIamRefusalsDenyTheCallerButNotThePlatform() {
    String lakeFormation = "Insufficient Lake Formation permission(s): Required Select on orders";
    QueryException caller =
        AthenaErrors.ofFinished(QUERY, failed(2, 1000, lakeFormation), "sales", READ);
    assertThat(caller).isInstanceOf(QueryDeniedException.class).hasMessageContaining(QUERY);
    assertThat(AthenaErrors.ofFinished(QUERY, failed(2, 1000, lakeFormation), "sales", null))
        .as("the platform's own lookup refused is the platform's problem")
        .isInstanceOf(EngineFailureException.class);
    assertThat(
            AthenaErrors.ofFinished(
                QUERY, failed(2, 1000, "AccessDeniedException: not authorized"), "sales", READ))
        .isInstanceOf(QueryDeniedException.class);
  }

  @Test
  void missingTablesUserValueErrorsAndTheRestAreTypedByTheirReason() {
    assertThat(
            AthenaErrors.ofFinished(
                QUERY,
                failed(
                    2,
                    1000,
                    "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.s.t' does not exist"),
                "sales",
                READ))
        .isInstanceOf(TableNotFoundException.class);
    QueryException value =
        AthenaErrors.ofFinished(
            QUERY,
            failed(2, 1000, "NUMERIC_VALUE_OUT_OF_RANGE: Value 1e40 is out of range"),
            "sales",
            READ);
    assertThat(value).isInstanceOf(InvalidParameterException.class).hasMessageContaining(QUERY);
    assertThat(((InvalidParameterException) value).parameter()).isEqualTo("filter");
    assertThat(
            AthenaErrors.ofFinished(
                QUERY, failed(1, 1000, "NUMERIC_VALUE_OUT_OF_RANGE: out of range"), "sales", READ))
        .as("a system error is never blamed on the request")
        .isInstanceOf(EngineFailureException.class);
    assertThat(
            AthenaErrors.ofFinished(
                QUERY, failed(1, 200, "GENERIC_INTERNAL_ERROR: lost"), "sales", READ))
        .isInstanceOf(EngineFailureException.class)
        .hasMessage("Athena query " + QUERY + " failed: GENERIC_INTERNAL_ERROR: lost");
  }

  @Test
  void cancellationsSayWhetherTheScanLimitOrSomeoneStoppedTheQuery() {
    QueryExecutionStatus limit =
        QueryExecutionStatus.builder()
            .state("CANCELLED")
            .stateChangeReason("Query cancelled! : Bytes scanned limit was exceeded")
            .build();
    assertThat(AthenaErrors.ofFinished(QUERY, limit, "sales", READ))
        .isInstanceOf(EngineFailureException.class)
        .hasMessageContaining("the domain 'sales' allows one query to scan")
        .hasMessageContaining(QUERY);
    QueryExecutionStatus stopped = QueryExecutionStatus.builder().state("CANCELLED").build();
    assertThat(AthenaErrors.ofFinished(QUERY, stopped, "sales", READ))
        .isInstanceOf(EngineFailureException.class)
        .hasMessageContaining("the query was cancelled")
        .hasMessageContaining("no reason given");
  }

  @Test
  void refusedCallsCarryAwsMessage() {
    InvalidRequestException invalid =
        InvalidRequestException.builder()
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("InvalidRequestException")
                    .errorMessage("WorkGroup tributary-sales is not found.")
                    .build())
            .build();
    assertThat(AthenaErrors.ofCall("start a query", invalid))
        .isInstanceOf(EngineFailureException.class)
        .hasMessage(
            "Athena failed to start a query: InvalidRequestException: WorkGroup tributary-sales is"
                + " not found.");
    TooManyRequestsException throttled =
        TooManyRequestsException.builder()
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("TooManyRequestsException")
                    .errorMessage("Rate exceeded")
                    .build())
            .build();
    assertThat(AthenaErrors.ofCall("start a query", throttled))
        .isInstanceOf(EngineFailureException.class)
        .hasMessageContaining("Rate exceeded");
  }
}
