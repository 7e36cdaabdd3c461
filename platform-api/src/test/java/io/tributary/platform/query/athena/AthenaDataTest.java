package io.tributary.platform.query.athena;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.platform.aws.PrincipalRoles;
import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.query.DataPage;
import io.tributary.platform.query.QueryEngine;
import io.tributary.platform.query.ReadRequest;
import io.tributary.platform.query.RowFilterCompiler;
import io.tributary.platform.query.RowFormat;
import io.tributary.platform.query.TableNotFoundException;
import io.tributary.platform.query.TableReference;
import io.tributary.platform.query.TableResolver;
import io.tributary.platform.query.trino.SignedServiceTokens;
import io.tributary.platform.query.trino.TrinoQueryEngine;
import io.tributary.platform.testing.LocalLakehouseResource;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The data endpoint through the Athena engine: the platform's STS and Athena calls go to {@link
 * StsTestServer} and {@link AthenaTestServer}, which runs each query on the real local Trino as the
 * user whose assumed session signed it. Trino's rules play Lake Formation's part. This checks the
 * protocol and the engine's use of it, not AWS's behaviour.
 */
@QuarkusTest
@TestProfile(AthenaServersResource.Profile.class)
@QuarkusTestResource(LocalLakehouseResource.class)
class AthenaDataTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final PrincipalRoles ROLES =
      new PrincipalRoles(
          AthenaServersResource.ACCOUNT, "arn:aws:iam::{account}:role/tributary-{kind}-{name}");

  @Inject PlatformConfig config;
  @Inject TableResolver tables;
  @Inject QueryEngine engine;

  @AfterEach
  void forgetInjectedFailures() {
    AthenaServersResource.athena().reset();
  }

  /** A domain of one test: its analysts' group role is the one STS lets the platform assume. */
  private record Domain(String name) {
    String reader() {
      return name + ".reader";
    }

    String group() {
      return name + "-analysts";
    }

    String readerToken() {
      return LocalLakehouseResource.token(reader(), group());
    }

    String table(String product) {
      return "%s.%s.%s".formatted(LakehouseSettings.CATALOG, name, product);
    }
  }

  @Test
  void readsTheSameRowsAndTypesAsTheTrinoEngineInEveryFormat() throws Exception {
    Domain domain = onboard();
    declare(
        domain,
        "people",
        "id",
        "id long",
        "name string",
        "score double",
        "born date",
        "seen timestamptz",
        "local timestamp",
        "amount decimal(10,2)",
        "active boolean",
        "rank int",
        "ratio float",
        "raw binary",
        "tag uuid");
    execute(
        "INSERT INTO %s VALUES"
            + " (1, 'Ada, \"Countess\"', 1.5, DATE '1815-12-10',"
            + " TIMESTAMP '2025-01-31 12:00:00.000000 UTC', TIMESTAMP '2025-01-31 12:00:00.123456',"
            + " 12.50, true, 7, REAL '0.25', X'616263', UUID '1b4e28ba-2fa1-11d2-883f-0016d3cca427'),"
            + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
            + " (3, '', 2.25, DATE '1906-12-09', TIMESTAMP '2025-01-31 13:30:00.123456 +01:00',"
            + " TIMESTAMP '1970-01-01 00:00:00.000000', -0.01, false, -1, REAL '1e10', X'',"
            + " NULL)",
        domain.table("people"));
    awaitReadable(domain, "people");

    for (RowFormat format : RowFormat.values()) {
      Response athena = read(domain, "people", format.mediaType(), Map.of());
      assertThat(athena.statusCode()).as(athena.asString()).isEqualTo(200);
      assertThat(athena.asString())
          .as(format + " through Athena and through Trino")
          .isEqualTo(throughTrino(domain, "people", format));
    }
    String body = read(domain, "people", "application/json", Map.of()).asString();
    assertThat(body).as("a decimal keeps its scale").contains(",12.50,");
    JsonNode page = JSON.readTree(body);
    assertThat(page.get("rows").size()).isEqualTo(3);
    assertThat(page.get("columns").get(6).toString())
        .isEqualTo("{\"name\":\"amount\",\"type\":\"decimal(10,2)\"}");

    // Who read, as STS and Athena saw it.
    List<StsTestServer.Call> assumed =
        AthenaServersResource.sts().calls().stream()
            .filter(call -> call.form().get("RoleSessionName").equals(domain.reader()))
            .toList();
    assertThat(assumed.stream().map(StsTestServer.Call::roleArn).toList())
        .as("the reader's own role is refused, their group's allowed, then reused")
        .containsExactly(ROLES.userRoleArn(domain.reader()), ROLES.groupRoleArn(domain.group()));
    StsTestServer.Session session =
        AthenaServersResource.sts().sessions().stream()
            .filter(candidate -> candidate.sourceIdentity().equals(domain.reader()))
            .findFirst()
            .orElseThrow();
    assertThat(session.tags())
        .containsEntry("tributary:user", domain.reader())
        .containsEntry("tributary:groups", ":" + domain.group() + ":");
    List<AthenaTestServer.Call> starts =
        startsOf(domain).stream().filter(call -> call.body().has("WorkGroup")).toList();
    assertThat(starts)
        .allSatisfy(
            call -> {
              assertThat(call.body().get("WorkGroup").asText())
                  .isEqualTo("tributary-" + domain.name());
              assertThat(call.user())
                  .isIn(domain.reader(), LakehouseSettings.SERVICE_USER)
                  .isEqualTo(
                      call.body().get("QueryString").asText().contains("$history")
                          ? LakehouseSettings.SERVICE_USER
                          : domain.reader());
            });
  }

  @Test
  void pagesSpanSeveralResultPagesAndContinueWithThePageToken() throws Exception {
    Domain domain = onboard();
    declare(domain, "numbers", "id", "id long", "label string");
    execute(
        "INSERT INTO %s VALUES %s",
        domain.table("numbers"),
        Stream.of(10, 3, 7, 1, 9, 2, 8, 4, 6, 5)
            .map(id -> "(%d, 'n%d')".formatted(id, id))
            .collect(Collectors.joining(", ")));
    awaitReadable(domain, "numbers");

    List<Long> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    Map<String, String> parameters = new LinkedHashMap<>(Map.of("limit", "4"));
    String snapshot = null;
    while (true) {
      Response response = read(domain, "numbers", "application/json", parameters);
      assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
      JsonNode page = JSON.readTree(response.asString());
      page.get("rows").forEach(row -> seen.add(row.get(0).asLong()));
      sizes.add(page.get("rows").size());
      snapshot = snapshot == null ? page.get("snapshotId").asText() : snapshot;
      assertThat(page.get("snapshotId").asText()).isEqualTo(snapshot);
      if (page.get("nextPageToken").isNull()) {
        break;
      }
      parameters.put("pageToken", page.get("nextPageToken").asText());
    }
    assertThat(sizes).containsExactly(4, 4, 2);
    assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(
            AthenaServersResource.athena().calls("GetQueryResults").stream()
                .filter(call -> call.body().has("NextToken"))
                .filter(call -> call.body().get("MaxResults").asInt() == 3))
        .as("four rows and a header take two GetQueryResults pages of three")
        .isNotEmpty();

    Response csv = read(domain, "numbers", "text/csv", Map.of("limit", "7", "columns", "label"));
    assertThat(csv.asString().lines().toList())
        .containsExactly("label", "n1", "n2", "n3", "n4", "n5", "n6", "n7");
    assertThat(csv.header("Tributary-Next-Page-Token")).isNotBlank();
  }

  @Test
  void filterValuesThatWouldBeSqlAreLiteralsOnly() throws Exception {
    Domain domain = onboard();
    declare(domain, "names", "id", "id long", "name string", "born date", "amount decimal(10,2)");
    execute(
        "INSERT INTO %s VALUES (1, 'O''Brien', DATE '1900-01-01', 1.00),"
            + " (2, 'plain', DATE '1950-06-15', 2.50),"
            + " (3, 'x'' OR ''1''=''1', DATE '2000-12-31', 3.75)",
        domain.table("names"));
    awaitReadable(domain, "names");

    Map<String, List<Long>> cases = new LinkedHashMap<>();
    cases.put("name = 'O''Brien'", List.of(1L));
    cases.put("name = 'nobody'' OR ''1''=''1'", List.of());
    cases.put("name = 'x'' OR ''1''=''1'", List.of(3L));
    cases.put("name = 'a\\'' OR 1=1 --'", List.of());
    cases.put("name LIKE '%'' OR ''%'", List.of(3L));
    cases.put("born >= DATE '1950-06-15' AND amount > 2.5", List.of(3L));
    cases.put("amount IN (1.00, 3.75) OR name IS NULL", List.of(1L, 3L));
    for (Map.Entry<String, List<Long>> filter : cases.entrySet()) {
      Response response =
          read(domain, "names", "application/json", Map.of("filter", filter.getKey()));
      assertThat(response.statusCode())
          .as(filter.getKey() + ": " + response.asString())
          .isEqualTo(200);
      List<Long> ids = new ArrayList<>();
      JSON.readTree(response.asString()).get("rows").forEach(row -> ids.add(row.get(0).asLong()));
      assertThat(ids).as(filter.getKey()).isEqualTo(filter.getValue());
    }
    assertThat(
            startsOf(domain).stream()
                .flatMap(call -> stream(call.body().path("ExecutionParameters")))
                .toList())
        .contains("'nobody'' OR ''1''=''1'", "DATE '1950-06-15'", "DECIMAL '2.5'");
  }

  @Test
  void callersStsOrTheRulesRefuseGetAForbiddenProblem() throws Exception {
    Domain domain = onboard();
    declare(domain, "guarded", "id", "id long", "secret string");
    execute("INSERT INTO %s VALUES (1, 's1')", domain.table("guarded"));
    awaitReadable(domain, "guarded");

    String stranger = "stranger-" + domain.name();
    Response refusedBySts =
        read(LocalLakehouseResource.token(stranger, "elsewhere"), domain, "guarded", Map.of());
    assertThat(refusedBySts.statusCode()).as(refusedBySts.asString()).isEqualTo(403);
    assertThat(refusedBySts.jsonPath().getString("detail"))
        .contains("'" + stranger + "'")
        .contains(ROLES.userRoleArn(stranger));

    String outsider = "outsider-" + domain.name();
    AthenaServersResource.sts().allow(ROLES.userRoleArn(outsider));
    Response refusedByRules =
        read(LocalLakehouseResource.token(outsider, "elsewhere"), domain, "guarded", Map.of());
    assertThat(refusedByRules.statusCode()).as(refusedByRules.asString()).isEqualTo(403);
    assertThat(refusedByRules.jsonPath().getString("detail"))
        .containsPattern(
            "Athena query [0-9a-f-]{36} failed: PERMISSION_DENIED: .*(Access Denied|not allowed)");
  }

  @Test
  void aMissingTableIsNotFoundAndFailedOrCancelledQueriesAreNamed() throws Exception {
    Domain domain = onboard();
    declare(domain, "gone", "id", "id long");
    declare(domain, "kept", "id", "id long", "amount decimal(10,2)");
    execute("INSERT INTO %s VALUES (1)", domain.table("gone"));
    execute("INSERT INTO %s VALUES (1, 1.00), (2, 2.00)", domain.table("kept"));
    awaitReadable(domain, "gone");
    awaitReadable(domain, "kept");
    execute("DROP TABLE %s", domain.table("gone"));
    // The registry answers 404 for a table the catalog lost before any engine is asked; the
    // engine's own mapping of Athena's TABLE_NOT_FOUND is exercised on it directly.
    Response missing = read(domain, "gone", "application/json", Map.of());
    assertThat(missing.statusCode()).as(missing.asString()).isEqualTo(404);
    assertThatThrownBy(
            () ->
                engine.read(
                    domain.reader(),
                    Set.of(domain.group()),
                    new TableReference(
                        LakehouseSettings.CATALOG, domain.name(), "gone", List.of("id")),
                    ReadRequest.parse(null, null, null, null, null)))
        .isInstanceOf(TableNotFoundException.class)
        .hasMessageMatching("Athena query [0-9a-f-]{36} failed: TABLE_NOT_FOUND: .*");

    AthenaServersResource.athena()
        .failWhen(
            sql -> sql.contains(domain.name()) && sql.contains("ORDER BY"),
            1,
            200,
            "GENERIC_INTERNAL_ERROR: a worker was lost");
    Response failed = read(domain, "kept", "application/json", Map.of());
    assertThat(failed.statusCode()).as(failed.asString()).isEqualTo(502);
    assertThat(failed.jsonPath().getString("detail"))
        .matches("Athena query [0-9a-f-]{36} failed: GENERIC_INTERNAL_ERROR: a worker was lost");

    AthenaServersResource.athena().reset();
    AthenaServersResource.athena()
        .cancelWhen(
            sql -> sql.contains(domain.name()) && sql.contains("ORDER BY"),
            "Query cancelled by user");
    Response cancelled = read(domain, "kept", "text/csv", Map.of());
    assertThat(cancelled.statusCode()).as(cancelled.asString()).isEqualTo(502);
    assertThat(cancelled.jsonPath().getString("detail")).contains("the query was cancelled");

    AthenaServersResource.athena().reset();
    AthenaServersResource.athena().limitScans("tributary-" + domain.name(), 1);
    Response scanned = read(domain, "kept", "application/json", Map.of());
    assertThat(scanned.statusCode()).as(scanned.asString()).isEqualTo(502);
    assertThat(scanned.jsonPath().getString("detail"))
        .contains("more data than the domain '" + domain.name() + "' allows one query to scan");
  }

  // ---------------------------------------------------------------- the platform, as it is used

  private static Domain onboard() {
    Domain domain =
        new Domain("athena_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    Response onboarded =
        put(
            LocalLakehouseResource.token("root", "platform-admins"),
            "/api/v1/domains/" + domain.name(),
            """
            apiVersion: tributary.io/v1
            kind: Domain
            metadata: {name: %1$s, title: Athena engine tests}
            spec:
              owners: [%1$s-owners]
              members: [%1$s-analysts]
              costs: {monthlyBudgetUsd: 100, maxBytesScannedPerQuery: 1073741824}
            """
                .formatted(domain.name()));
    assertThat(onboarded.statusCode()).as(onboarded.asString()).isEqualTo(201);
    // The reader's groups reach Trino's group file when they first call the API.
    given().auth().oauth2(domain.readerToken()).get("/api/v1/me").then().statusCode(200);
    AthenaServersResource.sts().allow(ROLES.groupRoleArn(domain.group()));
    return domain;
  }

  private static void declare(Domain domain, String product, String key, String... columns) {
    String columnLines =
        Stream.of(columns)
            .map(column -> column.split(" "))
            .map(
                column ->
                    "      - {name: %s, type: \"%s\", required: %s}"
                        .formatted(column[0], column[1], column[0].equals(key)))
            .collect(Collectors.joining("\n"));
    Response declared =
        put(
            LocalLakehouseResource.token(domain.name() + ".owner", domain.name() + "-owners"),
            "/api/v1/domains/%s/products/%s".formatted(domain.name(), product),
            """
            apiVersion: tributary.io/v1
            kind: DataProduct
            metadata: {domain: %s, name: %s, version: 1.0.0, title: An Athena test product}
            spec:
              zone: curated
              table:
                columns:
            %s
                primaryKey: [%s]
              access: {visibility: private}
              source: {type: ingest}
            """
                .formatted(domain.name(), product, columnLines, key));
    assertThat(declared.statusCode()).as(declared.asString()).isEqualTo(201);
  }

  private static Response put(String token, String path, String yaml) {
    return given().auth().oauth2(token).contentType("application/yaml").body(yaml).when().put(path);
  }

  /** Waits until Trino has read the rules and groups provisioning wrote. */
  private static void awaitReadable(Domain domain, String product) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      Response response = read(domain, product, "application/json", Map.of("limit", "1"));
      if (response.statusCode() == 200) {
        return;
      }
      if (response.statusCode() != 403 || Instant.now().isAfter(deadline)) {
        fail("%s may not read %s: %s", domain.reader(), product, response.asString());
      }
      Thread.sleep(250);
    }
  }

  private static Response read(
      Domain domain, String product, String accept, Map<String, String> parameters) {
    return read(domain.readerToken(), domain, product, parameters, accept);
  }

  private static Response read(
      String token, Domain domain, String product, Map<String, String> parameters) {
    return read(token, domain, product, parameters, "application/json");
  }

  private static Response read(
      String token, Domain domain, String product, Map<String, String> parameters, String accept) {
    RequestSpecification request = given().auth().oauth2(token).accept(accept);
    parameters.forEach(request::queryParam);
    return request
        .when()
        .get("/api/v1/domains/{domain}/products/{product}/data", domain.name(), product);
  }

  /** The same read through the Trino engine, as the same reader, written in the same format. */
  private String throughTrino(Domain domain, String product, RowFormat format) throws Exception {
    PlatformConfig.Trino trino = config.trino();
    try (TrinoQueryEngine engine =
            new TrinoQueryEngine(
                config.engine().jdbcUrl(),
                trino.serviceUser(),
                new SignedServiceTokens(
                    SignedServiceTokens.readPrivateKey(trino.signingKeyFile().orElseThrow()),
                    trino.serviceUser(),
                    trino.serviceTokenIssuer(),
                    trino.serviceTokenAudience(),
                    trino.serviceTokenValidity(),
                    Clock.systemUTC()),
                new RowFilterCompiler());
        DataPage page =
            engine.read(
                domain.reader(),
                Set.of(domain.group()),
                tables.resolve(domain.name(), product),
                ReadRequest.parse(null, null, null, null, null))) {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      format.write(page, output);
      return output.toString(StandardCharsets.UTF_8);
    }
  }

  private static List<AthenaTestServer.Call> startsOf(Domain domain) {
    return AthenaServersResource.athena().calls("StartQueryExecution").stream()
        .filter(call -> call.body().path("QueryString").asText().contains(domain.name()))
        .toList();
  }

  private static Stream<String> stream(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values.stream();
  }

  private static void execute(String sql, Object... arguments) throws SQLException {
    try (Connection service =
            LocalLakehouseResource.connect(
                LakehouseSettings.SERVICE_USER,
                LocalLakehouseResource.token(LakehouseSettings.SERVICE_USER));
        Statement statement = service.createStatement()) {
      statement.execute(sql.formatted(arguments));
    }
  }
}
