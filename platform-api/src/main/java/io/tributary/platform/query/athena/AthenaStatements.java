package io.tributary.platform.query.athena;

import io.tributary.platform.query.EngineFailureException;
import io.tributary.platform.query.QueryStatistics;
import io.tributary.platform.query.ReadRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionContext;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatistics;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

/**
 * Runs statements on Athena to their end: {@code StartQueryExecution} in a workgroup, {@code
 * GetQueryExecution} every poll interval until SUCCEEDED, FAILED or CANCELLED, and {@code
 * StopQueryExecution} when the wait is given up (timeout, interruption, a failed poll), so a
 * statement nobody waits for neither runs nor bills on. The data endpoint's reads, refreshes and
 * quality checks all run through it.
 */
public final class AthenaStatements implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AthenaStatements.class);

  private final AthenaClient athena;
  private final Duration pollInterval;
  private final Duration timeout;
  private final Clock clock;
  private final List<AutoCloseable> owned;

  /**
   * @param athena the client; its credentials are the platform's own unless a statement overrides
   *     them
   * @param pollInterval the pause between two {@code GetQueryExecution} calls
   * @param timeout how long a statement may run before it is stopped
   */
  public AthenaStatements(
      AthenaClient athena, Duration pollInterval, Duration timeout, Clock clock) {
    this(athena, pollInterval, timeout, clock, List.of());
  }

  private AthenaStatements(
      AthenaClient athena,
      Duration pollInterval,
      Duration timeout,
      Clock clock,
      List<AutoCloseable> owned) {
    this.athena = athena;
    this.pollInterval = pollInterval;
    this.timeout = timeout;
    this.clock = clock;
    this.owned = owned;
  }

  /**
   * Statements with a client of their own (URL-connection HTTP, the default credentials chain: the
   * platform's identity), closed with them.
   *
   * @param endpoint Athena's endpoint, when not AWS's own
   */
  public static AthenaStatements connect(
      String region, Optional<URI> endpoint, Duration pollInterval, Duration timeout) {
    DefaultCredentialsProvider platform = DefaultCredentialsProvider.builder().build();
    AthenaClient athena = client(region, endpoint, platform);
    return new AthenaStatements(
        athena, pollInterval, timeout, Clock.systemUTC(), List.of(athena, platform));
  }

  /** An Athena client over URL-connection HTTP with these credentials. */
  static AthenaClient client(
      String region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
    var builder =
        AthenaClient.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create());
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  AthenaClient client() {
    return athena;
  }

  /**
   * Where and as whom a statement runs.
   *
   * @param workgroup the domain's workgroup: its limits apply and it is billed
   * @param catalog the data catalog, {@code awsdatacatalog}
   * @param database the default database (the domain)
   * @param credentials another identity's credentials (a caller's session); null for the client's
   * @param request the read the statement serves, so its failures are the read's; null otherwise
   */
  public record Context(
      String workgroup,
      String catalog,
      String database,
      AwsRequestOverrideConfiguration credentials,
      ReadRequest request) {

    /** A statement of the platform's own, with the client's credentials. */
    public static Context platform(String workgroup, String catalog, String database) {
      return new Context(workgroup, catalog, database, null, null);
    }
  }

  /**
   * A statement that ended SUCCEEDED.
   *
   * @param queryId the query execution id
   * @param execution the final {@code QueryExecution}, with its {@code Statistics}
   */
  public record Finished(String queryId, QueryExecution execution) {

    /**
     * What Athena reports the statement cost: {@code DataScannedInBytes} as bytes read, {@code
     * EngineExecutionTimeInMillis} as wall time. Athena reports no CPU time, processed bytes or
     * rows: those are 0.
     */
    public QueryStatistics statistics() {
      QueryExecutionStatistics statistics = execution.statistics();
      long scanned = 0;
      long engineMillis = 0;
      if (statistics != null) {
        scanned = statistics.dataScannedInBytes() == null ? 0 : statistics.dataScannedInBytes();
        engineMillis =
            statistics.engineExecutionTimeInMillis() == null
                ? 0
                : statistics.engineExecutionTimeInMillis();
      }
      return QueryStatistics.NONE.plus(queryId, scanned, 0, 0, engineMillis, 0);
    }
  }

  /**
   * Starts the statement, waits for it to succeed.
   *
   * @param executionParameters literals for the statement's {@code ?}s, in order
   * @throws io.tributary.platform.query.QueryException when Athena refuses the call, the statement
   *     fails or is cancelled, or it runs longer than the timeout (it is then stopped)
   */
  public Finished execute(String sql, List<String> executionParameters, Context context) {
    StartQueryExecutionRequest.Builder start =
        StartQueryExecutionRequest.builder()
            .queryString(sql)
            .workGroup(context.workgroup())
            .queryExecutionContext(
                QueryExecutionContext.builder()
                    .catalog(context.catalog())
                    .database(context.database())
                    .build())
            // The SDK resends this token when it retries, so a retried start is one query.
            .clientRequestToken(UUID.randomUUID().toString())
            .overrideConfiguration(context.credentials());
    if (!executionParameters.isEmpty()) {
      start.executionParameters(executionParameters);
    }
    String queryId;
    try {
      queryId = athena.startQueryExecution(start.build()).queryExecutionId();
    } catch (SdkException failure) {
      throw AthenaErrors.ofCall("start a query in workgroup " + context.workgroup(), failure);
    }
    return new Finished(queryId, awaitSuccess(queryId, context));
  }

  /**
   * The rows of a finished statement, fetched as they are consumed.
   *
   * @param pageSize {@code MaxResults}: the most rows one call returns, the header included
   */
  public ResultRows rows(Finished finished, Context context, int pageSize) {
    return new ResultRows(athena, context.credentials(), finished.queryId(), pageSize);
  }

  /**
   * {@code UpdateCount} of a finished statement's {@code GetQueryResults}: the API reference says
   * Athena fills it for {@code CREATE TABLE AS SELECT}, {@code INSERT INTO} and {@code UPDATE}.
   *
   * @return empty when Athena reports none
   */
  public Optional<Long> updateCount(Finished finished, Context context) {
    GetQueryResultsResponse results;
    try {
      results =
          athena.getQueryResults(
              request ->
                  request
                      .queryExecutionId(finished.queryId())
                      .maxResults(1)
                      .overrideConfiguration(context.credentials()));
    } catch (SdkException failure) {
      throw AthenaErrors.ofCall("read the results of query " + finished.queryId(), failure);
    }
    return Optional.ofNullable(results.updateCount());
  }

  private QueryExecution awaitSuccess(String queryId, Context context) {
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      QueryExecution execution;
      try {
        execution =
            athena
                .getQueryExecution(
                    request ->
                        request
                            .queryExecutionId(queryId)
                            .overrideConfiguration(context.credentials()))
                .queryExecution();
      } catch (SdkException failure) {
        stop(queryId, context);
        throw AthenaErrors.ofCall("report on query " + queryId, failure);
      }
      QueryExecutionStatus status = execution.status();
      switch (status.stateAsString()) {
        case "SUCCEEDED" -> {
          return execution;
        }
        case "FAILED", "CANCELLED" ->
            throw AthenaErrors.ofFinished(queryId, status, context.database(), context.request());
        default -> {
          // QUEUED or RUNNING: wait.
        }
      }
      if (!clock.instant().isBefore(deadline)) {
        stop(queryId, context);
        throw new EngineFailureException(
            "Athena query %s did not finish within %s (tributary.athena.timeout), so the"
                    .formatted(queryId, timeout)
                + " platform stopped it",
            null);
      }
      try {
        Thread.sleep(pollInterval);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        stop(queryId, context);
        throw new EngineFailureException(
            "Waiting for Athena query %s was interrupted; the query was stopped".formatted(queryId),
            interrupted);
      }
    }
  }

  /** Stops a query the platform no longer waits for, so it neither runs nor bills on. */
  private void stop(String queryId, Context context) {
    try {
      athena.stopQueryExecution(
          request ->
              request.queryExecutionId(queryId).overrideConfiguration(context.credentials()));
    } catch (SdkException failure) {
      LOG.warnf(failure, "Stopping Athena query %s failed", queryId);
    }
  }

  @Override
  public void close() {
    for (AutoCloseable resource : owned) {
      try {
        resource.close();
      } catch (Exception e) {
        // Shutting down: nothing is left to do with a failed close.
        LOG.debugf(e, "Closing %s failed", resource.getClass().getSimpleName());
      }
    }
  }

  /**
   * Statements opened on first use, so that a bean holding them (built at startup, or in the
   * Lambda's snapshot) creates no client until it runs a statement.
   */
  public static final class OnFirstUse implements AutoCloseable {
    private final java.util.function.Supplier<AthenaStatements> open;
    private volatile AthenaStatements opened;

    public OnFirstUse(java.util.function.Supplier<AthenaStatements> open) {
      this.open = open;
    }

    /** The statements, opened now if not yet. */
    public AthenaStatements get() {
      AthenaStatements current = opened;
      if (current == null) {
        synchronized (this) {
          if (opened == null) {
            opened = open.get();
          }
          current = opened;
        }
      }
      return current;
    }

    @Override
    public void close() {
      AthenaStatements current = opened;
      if (current != null) {
        current.close();
      }
    }
  }
}
