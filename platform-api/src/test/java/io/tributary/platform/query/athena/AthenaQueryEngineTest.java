package io.tributary.platform.query.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.platform.aws.PrincipalRoles;
import io.tributary.platform.query.EngineFailureException;
import io.tributary.platform.query.InvalidParameterException;
import io.tributary.platform.query.PageToken;
import io.tributary.platform.query.QueryDeniedException;
import io.tributary.platform.query.ReadRequest;
import io.tributary.platform.query.RowFilterCompiler;
import io.tributary.platform.query.TableNotFoundException;
import io.tributary.platform.query.TableReference;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The engine's calls, waits and errors against {@link StsTestServer} and {@link AthenaTestServer}
 * with the AWS SDK's real clients, for what needs no rows: every query here is held, cancelled or
 * failed by the server before it would reach Trino. This checks the protocol and the engine's
 * reading of it, not AWS's behaviour; {@code AthenaDataTest} runs queries for real.
 */
class AthenaQueryEngineTest {
  static final String ACCOUNT = "123456789012";
  static final String PLATFORM_KEY = "AKIAPLATFORMTEST";
  static final TableReference TABLE =
      new TableReference("lakehouse", "sales", "orders", List.of("id"));

  StsTestServer sts;
  AthenaTestServer athena;
  AthenaClient athenaClient;
  StsClient stsClient;
  PrincipalRoles roles =
      new PrincipalRoles(ACCOUNT, "arn:aws:iam::{account}:role/tributary-{kind}-{name}");

  @BeforeEach
  void start() throws Exception {
    sts = new StsTestServer();
    athena = new AthenaTestServer(sts, PLATFORM_KEY);
    var platform =
        StaticCredentialsProvider.create(AwsBasicCredentials.create(PLATFORM_KEY, "secret"));
    athenaClient =
        AthenaClient.builder()
            .endpointOverride(athena.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(platform)
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    stsClient =
        StsClient.builder()
            .endpointOverride(sts.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(platform)
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterEach
  void stop() {
    athenaClient.close();
    stsClient.close();
    athena.close();
    sts.close();
  }

  AthenaQueryEngine engine(Duration timeout) {
    return new AthenaQueryEngine(
        athenaClient,
        stsClient,
        roles,
        new RowFilterCompiler(),
        new AthenaQueryEngine.Settings(
            "tributary-{domain}", "awsdatacatalog", Duration.ofMillis(20), timeout, 100),
        Clock.systemUTC());
  }

  /** A second page's request: its token skips the snapshot lookup, so the caller's turn is next. */
  static ReadRequest continuing(String filter) {
    ReadRequest first = new ReadRequest(List.of(), filter, 10, Optional.empty(), Optional.empty());
    TableReference athenaTable =
        new TableReference("awsdatacatalog", "sales", "orders", List.of("id"));
    PageToken token = PageToken.issue(42L, 10, first.identity(athenaTable));
    return new ReadRequest(List.of(), filter, 10, Optional.empty(), Optional.of(token));
  }

  static ReadRequest firstPage() {
    return new ReadRequest(List.of(), "", 10, Optional.empty(), Optional.empty());
  }

  @Test
  void aQueryPastTheTimeoutIsStoppedAndTheErrorSaysSo() {
    athena.holdQueries(Duration.ofMinutes(1));
    assertThatThrownBy(
            () -> engine(Duration.ofMillis(300)).read("ann", Set.of(), TABLE, firstPage()))
        .isInstanceOf(EngineFailureException.class)
        .hasMessageContaining("did not finish within PT0.3S")
        .hasMessageContaining("stopped");
    List<AthenaTestServer.Call> stops = athena.calls("StopQueryExecution");
    assertThat(stops).hasSize(1);
    String stopped = stops.get(0).body().get("QueryExecutionId").asText();
    assertThat(athena.state(stopped)).isEqualTo("CANCELLED");
    AthenaTestServer.Call started = athena.calls("StartQueryExecution").get(0);
    assertThat(started.body().get("WorkGroup").asText()).isEqualTo("tributary-sales");
    assertThat(started.body().at("/QueryExecutionContext/Catalog").asText())
        .isEqualTo("awsdatacatalog");
    assertThat(started.body().at("/QueryExecutionContext/Database").asText()).isEqualTo("sales");
    assertThat(started.body().get("QueryString").asText())
        .isEqualTo(
            "SELECT snapshot_id FROM \"awsdatacatalog\".\"sales\".\"orders$history\""
                + " ORDER BY made_current_at DESC LIMIT 1");
    assertThat(started.body().get("ClientRequestToken").asText()).hasSizeGreaterThanOrEqualTo(32);
    assertThat(started.accessKeyId())
        .as("the platform looks the snapshot up")
        .isEqualTo(PLATFORM_KEY);
  }

  @Test
  void aCancelledQueryAndAFailedOneAreClearErrorsNamingTheQuery() {
    athena.cancelWhen(sql -> sql.contains("$history"), "Query cancelled by user");
    assertThatThrownBy(
            () -> engine(Duration.ofSeconds(10)).read("ann", Set.of(), TABLE, firstPage()))
        .isInstanceOf(EngineFailureException.class)
        .hasMessageContaining("the query was cancelled")
        .hasMessageMatching("Athena query [0-9a-f-]{36}: .*");

    athena.reset();
    athena.failWhen(sql -> true, 1, 200, "GENERIC_INTERNAL_ERROR: the engine broke");
    assertThatThrownBy(
            () -> engine(Duration.ofSeconds(10)).read("ann", Set.of(), TABLE, firstPage()))
        .isInstanceOf(EngineFailureException.class)
        .hasMessageMatching("Athena query [0-9a-f-]{36} failed: GENERIC_INTERNAL_ERROR: .*");
  }

  @Test
  void theCallersFirstAssumableRoleIsUsedWithSessionTagsAndReused() {
    sts.allow(roles.groupRoleArn("finance"));
    athena.failWhen(
        sql -> sql.contains("LIMIT 0"),
        2,
        1000,
        "Insufficient Lake Formation permission(s): Required Select on orders");
    AthenaQueryEngine engine = engine(Duration.ofSeconds(10));
    Set<String> groups = Set.of("finance", "analysts", "a:b");
    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> engine.read("ann@example.com", groups, TABLE, continuing("")))
          .isInstanceOf(QueryDeniedException.class)
          .hasMessageContaining("Insufficient Lake Formation permission(s)");
    }
    assertThat(sts.calls().stream().map(StsTestServer.Call::roleArn).toList())
        .as("the user's own role, then groups in name order, until one is allowed; then reused")
        .containsExactly(
            roles.userRoleArn("ann@example.com"),
            roles.groupRoleArn("a:b"),
            roles.groupRoleArn("analysts"),
            roles.groupRoleArn("finance"));
    StsTestServer.Session session = sts.sessions().get(0);
    assertThat(session.sessionName()).isEqualTo("ann@example.com");
    assertThat(session.sourceIdentity()).isEqualTo("ann@example.com");
    assertThat(session.tags())
        .containsEntry("tributary:user", "ann@example.com")
        .containsEntry("tributary:groups", ":a_b:analysts:finance:");
    assertThat(session.transitiveTagKeys()).containsExactly("tributary:user", "tributary:groups");
    List<AthenaTestServer.Call> starts = athena.calls("StartQueryExecution");
    assertThat(starts).hasSize(2);
    assertThat(starts)
        .allSatisfy(call -> assertThat(call.accessKeyId()).isEqualTo(session.accessKeyId()));
  }

  @Test
  void credentialsCloseToExpiryAreRenewed() {
    sts.allow(roles.userRoleArn("ann"));
    sts.issueFor(Duration.ofMinutes(4));
    athena.failWhen(sql -> true, 2, 1000, "TABLE_NOT_FOUND: line 1:15: Table 'x' does not exist");
    AthenaQueryEngine engine = engine(Duration.ofSeconds(10));
    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> engine.read("ann", Set.of(), TABLE, continuing("")))
          .isInstanceOf(TableNotFoundException.class);
    }
    assertThat(sts.calls()).hasSize(2);
  }

  @Test
  void aCallerNoRoleOfWhichStsAllowsIsDeniedByName() {
    assertThatThrownBy(
            () ->
                engine(Duration.ofSeconds(10))
                    .read("mallory", Set.of("guests"), TABLE, continuing("")))
        .isInstanceOf(QueryDeniedException.class)
        .hasMessageContaining("'mallory'")
        .hasMessageContaining(roles.userRoleArn("mallory"))
        .hasMessageContaining(roles.groupRoleArn("guests"));
    assertThat(athena.calls("StartQueryExecution")).isEmpty();
  }

  @Test
  void aValueTheEngineCannotCompareIsTheFiltersFault() {
    sts.allow(roles.userRoleArn("ann"));
    athena.failWhen(
        sql -> sql.contains("LIMIT 0"),
        2,
        1000,
        "INVALID_LITERAL: line 1:60: '1e99' is not a valid decimal literal");
    assertThatThrownBy(
            () -> engine(Duration.ofSeconds(10)).read("ann", Set.of(), TABLE, continuing("id = 1")))
        .isInstanceOf(InvalidParameterException.class)
        .satisfies(
            failure ->
                assertThat(((InvalidParameterException) failure).parameter()).isEqualTo("filter"));
  }

  @Test
  void sessionNamesAndTagsKeepToStsLimits() {
    assertThat(CallerSessions.sessionName("a")).isEqualTo("a-");
    assertThat(CallerSessions.sessionName("ann smith/ops")).isEqualTo("ann-smith-ops");
    assertThat(CallerSessions.sessionName("x".repeat(100))).hasSize(64);
    String groups =
        CallerSessions.groupsTag(
            IntStream.range(0, 40).mapToObj("group%02d"::formatted).collect(Collectors.toSet()));
    assertThat(groups).hasSizeLessThanOrEqualTo(256).startsWith(":group00:").endsWith(":");
    assertThat(groups.split(":")).allSatisfy(name -> assertThat(name).matches("|group\\d\\d"));
    assertThat(CallerSessions.groupsTag(Set.of())).isEmpty();
  }
}
