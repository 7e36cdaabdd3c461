package io.tributary.platform.query.athena;

import io.tributary.platform.aws.PrincipalRoles;
import io.tributary.platform.query.DataPage;
import io.tributary.platform.query.EmptyDataPage;
import io.tributary.platform.query.EngineFailureException;
import io.tributary.platform.query.FilterCompiler;
import io.tributary.platform.query.Identifiers;
import io.tributary.platform.query.InvalidParameterException;
import io.tributary.platform.query.PageQueries;
import io.tributary.platform.query.QueryEngine;
import io.tributary.platform.query.QueryStatistics;
import io.tributary.platform.query.ReadRequest;
import io.tributary.platform.query.ResultColumn;
import io.tributary.platform.query.SqlFragment;
import io.tributary.platform.query.TableReference;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Reads products through Amazon Athena as the caller: the platform assumes the caller's IAM role
 * through STS ({@link CallerSessions}), so Lake Formation's grants to that role decide every column
 * and row, and runs each query in the domain's workgroup, which holds the domain's per-query scan
 * limit and bills the domain.
 *
 * <p>Pages are the Trino engine's ({@link PageQueries}): pinned to an Iceberg snapshot with {@code
 * FOR VERSION AS OF}, totally ordered, {@code OFFSET}-paged, the next page known before the first
 * row. The snapshot is looked up with the platform's own credentials, as the Trino engine does with
 * its service user, because Iceberg's metadata tables need not be granted to consumers; every query
 * that touches rows runs as the caller, and finishes before the page is returned, so a denial is a
 * clean 403 and a query still running when the engine gives up is stopped.
 */
public final class AthenaQueryEngine implements QueryEngine, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AthenaQueryEngine.class);

  /** Lookups and counts read one row: the header and that row. */
  private static final int SINGLE_ROW = 2;

  /**
   * Where queries run and how the engine waits for them.
   *
   * @param workgroupTemplate the domain's workgroup, {@code {domain}} standing for its name
   * @param catalog the data catalog products are read from, {@code awsdatacatalog}
   * @param pollInterval the pause between two {@code GetQueryExecution} calls
   * @param timeout how long a query may run before it is stopped
   * @param pageSize the rows one {@code GetQueryResults} call asks for (1 to 1000)
   */
  public record Settings(
      String workgroupTemplate,
      String catalog,
      Duration pollInterval,
      Duration timeout,
      int pageSize) {
    public Settings {
      if (!workgroupTemplate.contains("{domain}")) {
        throw new IllegalArgumentException(
            "tributary.athena.workgroup-template must contain {domain}, not '%s'"
                .formatted(workgroupTemplate));
      }
      if (!Identifiers.isValid(catalog)) {
        throw new IllegalArgumentException(
            "tributary.athena.catalog must be a plain name, not '%s'".formatted(catalog));
      }
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("tributary.athena.poll-interval must be positive");
      }
      if (timeout.compareTo(pollInterval) < 0) {
        throw new IllegalArgumentException(
            "tributary.athena.timeout must be at least the poll interval");
      }
      if (pageSize < SINGLE_ROW || pageSize > 1000) {
        throw new IllegalArgumentException(
            "tributary.athena.page-size must be from 2 to 1000 (GetQueryResults' MaxResults), not "
                + pageSize);
      }
    }

    /** The domain's workgroup. */
    public String workgroup(String domain) {
      return workgroupTemplate.replace("{domain}", domain);
    }
  }

  private final AthenaStatements statements;
  private final CallerSessions sessions;
  private final FilterCompiler filterCompiler;
  private final Settings settings;
  private final List<AutoCloseable> owned = new ArrayList<>();

  /**
   * @param athena the Athena client, with the platform's own credentials
   * @param sts the STS client the caller's roles are assumed with
   * @param roles maps the caller to the roles they may act through
   * @param filterCompiler compiles the {@code filter} parameter
   */
  public AthenaQueryEngine(
      AthenaClient athena,
      StsClient sts,
      PrincipalRoles roles,
      FilterCompiler filterCompiler,
      Settings settings,
      Clock clock) {
    this.statements =
        new AthenaStatements(athena, settings.pollInterval(), settings.timeout(), clock);
    this.sessions = new CallerSessions(sts, roles, clock);
    this.filterCompiler = filterCompiler;
    this.settings = settings;
  }

  /**
   * An engine with clients of its own (URL-connection HTTP, the default credentials chain for the
   * platform's identity), closed with it.
   *
   * @param region the AWS region of Athena and STS
   * @param athenaEndpoint Athena's endpoint, when not AWS's own
   * @param stsEndpoint STS's endpoint, when not AWS's own
   */
  public static AthenaQueryEngine connect(
      Settings settings,
      String region,
      Optional<URI> athenaEndpoint,
      Optional<URI> stsEndpoint,
      PrincipalRoles roles,
      FilterCompiler filterCompiler) {
    DefaultCredentialsProvider platform = DefaultCredentialsProvider.builder().build();
    var stsBuilder =
        StsClient.builder()
            .region(Region.of(region))
            .credentialsProvider(platform)
            .httpClient(UrlConnectionHttpClient.create());
    stsEndpoint.ifPresent(stsBuilder::endpointOverride);
    AthenaClient athena = AthenaStatements.client(region, athenaEndpoint, platform);
    StsClient sts = stsBuilder.build();
    AthenaQueryEngine engine =
        new AthenaQueryEngine(athena, sts, roles, filterCompiler, settings, Clock.systemUTC());
    engine.owned.add(athena);
    engine.owned.add(sts);
    engine.owned.add(platform);
    return engine;
  }

  @Override
  public DataPage read(String user, Set<String> groups, TableReference table, ReadRequest request) {
    TableReference athenaTable =
        new TableReference(settings.catalog(), table.schema(), table.table(), table.primaryKey());
    Query platform = new Query(athenaTable, null, null);
    PageQueries.Start start =
        PageQueries.start(
            athenaTable,
            request,
            (sql, parameters) -> {
              ResultRows rows = platform.run(sql, parameters, SINGLE_ROW);
              return rows.next() ? OptionalLong.of(firstLong(rows)) : OptionalLong.empty();
            });
    OptionalLong snapshot = start.snapshot();

    CallerSessions.Session session = sessions.assume(user, groups);
    Query caller =
        new Query(
            athenaTable,
            AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(StaticCredentialsProvider.create(session.credentials()))
                .build(),
            request);
    Map<String, String> visibleColumns =
        visibleColumns(
            caller.run(PageQueries.visibleColumnsQuery(athenaTable, snapshot), List.of(), 1));
    List<ResultColumn> selected = PageQueries.selectedColumns(visibleColumns, request.columns());
    SqlFragment filter =
        filterCompiler.compile(request.filter(), PageQueries.kinds(visibleColumns));
    if (snapshot.isEmpty()) {
      return new EmptyDataPage(selected);
    }
    long snapshotId = snapshot.getAsLong();
    long end = start.offset() + request.limit();
    ResultRows count =
        caller.run(
            PageQueries.countQuery(athenaTable, snapshotId, filter, end),
            filter.parameters(),
            SINGLE_ROW);
    boolean more = count.next() && firstLong(count) > end;
    Optional<String> nextPageToken =
        more ? Optional.of(start.nextPageToken(request.limit()).encode()) : Optional.empty();
    ResultRows rows =
        caller.run(
            PageQueries.pageQuery(
                athenaTable,
                snapshotId,
                selected,
                PageQueries.orderBy(athenaTable, visibleColumns, selected),
                filter,
                start.offset(),
                request.limit()),
            filter.parameters(),
            settings.pageSize());
    return new AthenaDataPage(
        rows, selected, snapshotId, nextPageToken, platform.statistics().plus(caller.statistics()));
  }

  private static Map<String, String> visibleColumns(ResultRows rows) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (ColumnInfo column : rows.columns()) {
      columns.put(column.name(), AthenaValues.typeName(column));
    }
    return columns;
  }

  private static long firstLong(ResultRows rows) {
    String text = rows.text(0);
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notANumber) {
      throw new EngineFailureException(
          "Athena query %s returned '%s' where a number was due".formatted(rows.queryId(), text),
          notANumber);
    }
  }

  /** Queries on one table, as one identity, for one read; sums what they cost. */
  private final class Query {
    private final AthenaStatements.Context context;
    private QueryStatistics statistics = QueryStatistics.NONE;

    /**
     * @param credentials the caller's; null for the platform's own
     * @param request the read the queries serve; null for the platform's lookups
     */
    Query(TableReference table, AwsRequestOverrideConfiguration credentials, ReadRequest request) {
      this.context =
          new AthenaStatements.Context(
              settings.workgroup(table.schema()),
              table.catalog(),
              table.schema(),
              credentials,
              request);
    }

    /** Starts the query in the domain's workgroup, waits for it to succeed, opens its rows. */
    ResultRows run(String sql, List<Object> parameters, int pageSize) {
      AthenaStatements.Finished finished = statements.execute(sql, literals(parameters), context);
      statistics = statistics.plus(finished.statistics());
      return statements.rows(finished, context, pageSize);
    }

    QueryStatistics statistics() {
      return statistics;
    }

    private List<String> literals(List<Object> parameters) {
      List<String> literals = new ArrayList<>(parameters.size());
      for (Object parameter : parameters) {
        try {
          literals.add(AthenaLiterals.render(parameter));
        } catch (IllegalArgumentException unrepresentable) {
          throw new InvalidParameterException(ReadRequest.FILTER, unrepresentable.getMessage());
        }
      }
      return literals;
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
}
