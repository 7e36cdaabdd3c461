package io.tributary.platform.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.lakehouse.Secrets;
import io.tributary.lakehouse.catalog.LakehouseCatalogs;
import io.tributary.lakehouse.trino.AccessControlFiles;
import io.tributary.platform.testing.LocalLakehouseResource;
import io.trino.jdbc.TrinoDriver;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data endpoint on the real local lakehouse: rows come through Trino as the caller, under rules
 * that let one group read one schema except its {@code secret} column.
 */
@QuarkusTest
@QuarkusTestResource(LocalLakehouseResource.class)
class DataResourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Trino rereads its rules every second; this only bounds how long a test waits. */
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private static final Pattern DENIAL =
      Pattern.compile("Access Denied|Relation not found or not allowed");

  private static final String READER = "reader";
  private static final String READERS = "data-readers";
  private static final String STRANGER = "stranger";

  /** One schema (domain) per run, so runs never see each other's tables. */
  private static final String DOMAIN =
      "data_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  private static final TrinoDriver DRIVER = new TrinoDriver();
  private static boolean readersMayRead;

  @BeforeEach
  void letTheReadersGroupReadTheDomain() throws Exception {
    if (readersMayRead) {
      return;
    }
    execute("CREATE SCHEMA lakehouse." + DOMAIN);
    execute("CREATE TABLE lakehouse.%s.probe (id bigint)".formatted(DOMAIN));

    ObjectNode rules = AccessControlFiles.baseRules();
    ((ArrayNode) rules.get("catalogs"))
        .addObject()
        .put("group", READERS)
        .put("catalog", LakehouseSettings.CATALOG)
        .put("allow", "read-only");
    ObjectNode grant =
        ((ArrayNode) rules.get("tables"))
            .addObject()
            .put("group", READERS)
            .put("catalog", LakehouseSettings.CATALOG)
            .put("schema", DOMAIN);
    grant.putArray("privileges").add("SELECT");
    grant.putArray("columns").addObject().put("name", "secret").put("allow", false);
    AccessControlFiles.writeRules(LocalLakehouseResource.settings().layout().accessRules(), rules);
    AccessControlFiles.writeGroups(
        LocalLakehouseResource.settings().layout().groups(), Map.of(READERS, Set.of(READER)));

    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      try (Connection reader = connect(READER);
          Statement statement = reader.createStatement()) {
        statement.executeQuery("SELECT count(*) FROM lakehouse.%s.probe".formatted(DOMAIN)).close();
        break;
      } catch (SQLException denied) {
        if (Instant.now().isAfter(deadline) || !DENIAL.matcher(denied.getMessage()).find()) {
          throw denied;
        }
        Thread.sleep(200);
      }
    }
    readersMayRead = true;
  }

  @AfterAll
  static void restoreBaseRules() {
    AccessControlFiles.writeRules(
        LocalLakehouseResource.settings().layout().accessRules(), AccessControlFiles.baseRules());
    AccessControlFiles.writeGroups(LocalLakehouseResource.settings().layout().groups(), Map.of());
  }

  @Test
  void jsonCsvAndNdjsonCarryTheSameRowsWithoutTheHiddenColumn() throws Exception {
    execute(
        "CREATE TABLE lakehouse.%s.people (id bigint, name varchar, score double, born date,"
            + " seen timestamp(6) with time zone, secret varchar)",
        DOMAIN);
    execute(
        "INSERT INTO lakehouse.%s.people VALUES"
            + " (1, 'Ada, \"Countess\"', 1.5, DATE '1815-12-10',"
            + " TIMESTAMP '2025-01-31 12:00:00.000000 UTC', 's1'),"
            + " (2, NULL, NULL, NULL, NULL, 's2'),"
            + " (3, '', 2.25, DATE '1906-12-09', TIMESTAMP '2025-01-31 13:30:00.123456 +01:00',"
            + " 's3')",
        DOMAIN);

    Response jsonResponse = read(READER, "people", "application/json", Map.of());
    assertThat(jsonResponse.statusCode()).isEqualTo(200);
    assertThat(jsonResponse.contentType()).startsWith("application/json");
    JsonNode json = JSON.readTree(jsonResponse.asString());
    assertThat(json.get("columns").toString())
        .isEqualTo(
            "[{\"name\":\"id\",\"type\":\"bigint\"},{\"name\":\"name\",\"type\":\"varchar\"},"
                + "{\"name\":\"score\",\"type\":\"double\"},{\"name\":\"born\",\"type\":\"date\"},"
                + "{\"name\":\"seen\",\"type\":\"timestamp(6) with time zone\"}]");
    assertThat(json.get("rows").toString())
        .isEqualTo(
            "[[1,\"Ada, \\\"Countess\\\"\",1.5,\"1815-12-10\",\"2025-01-31T12:00:00.000000Z\"],"
                + "[2,null,null,null,null],"
                + "[3,\"\",2.25,\"1906-12-09\",\"2025-01-31T12:30:00.123456Z\"]]");
    assertThat(json.get("nextPageToken").isNull()).isTrue();
    String snapshotId = json.get("snapshotId").asText();
    assertThat(snapshotId).matches("-?[0-9]+");
    assertThat(jsonResponse.header(DataResource.SNAPSHOT_ID_HEADER)).isEqualTo(snapshotId);

    Response csv = read(READER, "people", "text/csv", Map.of());
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.header(DataResource.NEXT_PAGE_TOKEN_HEADER)).isNull();
    assertThat(csv.header(DataResource.SNAPSHOT_ID_HEADER)).isEqualTo(snapshotId);
    assertThat(csv.asString())
        .isEqualTo(
            "id,name,score,born,seen\r\n"
                + "1,\"Ada, \"\"Countess\"\"\",1.5,1815-12-10,2025-01-31T12:00:00.000000Z\r\n"
                + "2,,,,\r\n"
                + "3,\"\",2.25,1906-12-09,2025-01-31T12:30:00.123456Z\r\n");

    Response ndjson = read(READER, "people", "application/x-ndjson", Map.of());
    assertThat(ndjson.statusCode()).isEqualTo(200);
    assertThat(ndjson.contentType()).startsWith("application/x-ndjson");
    List<String> lines = ndjson.asString().lines().toList();
    assertThat(lines).hasSize(3);
    for (int row = 0; row < lines.size(); row++) {
      JsonNode object = JSON.readTree(lines.get(row));
      assertThat(object.size()).isEqualTo(5);
      for (int column = 0; column < 5; column++) {
        String name = json.get("columns").get(column).get("name").asText();
        assertThat(object.get(name)).as(name).isEqualTo(json.get("rows").get(row).get(column));
      }
    }

    JsonNode chosen =
        JSON.readTree(
            read(READER, "people", "application/json", Map.of("columns", "name,id")).asString());
    assertThat(chosen.get("rows").toString())
        .as("ordered by the chosen columns, nulls last")
        .isEqualTo("[[\"\",3],[\"Ada, \\\"Countess\\\"\",1],[null,2]]");
  }

  @Test
  void pagesToTheEndSeeEveryRowOnceWhileRowsAreInserted() throws Exception {
    execute("CREATE TABLE lakehouse.%s.paged (id bigint, label varchar)", DOMAIN);
    execute(
        "INSERT INTO lakehouse.%s.paged SELECT x, 'row ' || CAST(x AS varchar)"
            + " FROM UNNEST(sequence(1, 10)) AS numbers(x)",
        DOMAIN);

    List<Long> ids = new ArrayList<>();
    Set<String> snapshots = new HashSet<>();
    String pageToken = null;
    int pages = 0;
    do {
      Map<String, String> parameters = new LinkedHashMap<>();
      parameters.put("limit", "3");
      if (pageToken != null) {
        parameters.put("pageToken", pageToken);
      }
      Response response = read(READER, "paged", "application/json", parameters);
      assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
      JsonNode page = JSON.readTree(response.asString());
      page.get("rows").forEach(row -> ids.add(row.get(0).asLong()));
      snapshots.add(page.get("snapshotId").asText());
      pageToken = page.get("nextPageToken").isNull() ? null : page.get("nextPageToken").asText();
      pages++;
      // A commit between pages: the pinned snapshot must keep it out of this read.
      execute("INSERT INTO lakehouse.%s.paged VALUES (%d, 'late')", DOMAIN, 100 + pages);
    } while (pageToken != null);

    assertThat(pages).isEqualTo(4);
    assertThat(ids).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
    assertThat(snapshots).hasSize(1);

    JsonNode fresh = JSON.readTree(read(READER, "paged", "application/json", Map.of()).asString());
    assertThat(fresh.get("rows")).hasSize(14);
    assertThat(fresh.get("snapshotId").asText()).isNotIn(snapshots);
  }

  @Test
  void asOfReadsTheFirstSnapshotByIdOrInstantAndPagesStayOnIt() throws Exception {
    execute("CREATE TABLE lakehouse.%s.versions (id bigint)", DOMAIN);
    execute("INSERT INTO lakehouse.%s.versions VALUES (1), (2)", DOMAIN);
    execute("INSERT INTO lakehouse.%s.versions VALUES (3)", DOMAIN);
    List<String[]> history = new ArrayList<>();
    try (Connection service = connect(null);
        Statement statement = service.createStatement();
        ResultSet rows =
            statement.executeQuery(
                ("SELECT CAST(snapshot_id AS varchar), to_iso8601(made_current_at)"
                        + " FROM lakehouse.%s.\"versions$history\" ORDER BY made_current_at")
                    .formatted(DOMAIN))) {
      while (rows.next()) {
        history.add(new String[] {rows.getString(1), rows.getString(2)});
      }
    }
    // Trino commits an empty snapshot when it creates a table; the first rows came next.
    assertThat(history).hasSize(3);
    String first = history.get(1)[0];
    String firstCommitted = history.get(1)[1];

    for (String asOf : List.of("snapshot:" + first, firstCommitted)) {
      JsonNode page =
          JSON.readTree(
              read(READER, "versions", "application/json", Map.of("asOf", asOf)).asString());
      assertThat(ids(page)).as(asOf).containsExactly(1L, 2L);
      assertThat(page.get("snapshotId").asText()).isEqualTo(first);
    }
    assertThat(
            ids(JSON.readTree(read(READER, "versions", "application/json", Map.of()).asString())))
        .containsExactly(1L, 2L, 3L);

    JsonNode firstPage =
        JSON.readTree(
            read(
                    READER,
                    "versions",
                    "application/json",
                    Map.of("asOf", "snapshot:" + first, "limit", "1"))
                .asString());
    assertThat(ids(firstPage)).containsExactly(1L);
    JsonNode secondPage =
        JSON.readTree(
            read(
                    READER,
                    "versions",
                    "application/json",
                    Map.of(
                        "asOf",
                        "snapshot:" + first,
                        "limit",
                        "1",
                        "pageToken",
                        firstPage.get("nextPageToken").asText()))
                .asString());
    assertThat(ids(secondPage)).containsExactly(2L);
    assertThat(secondPage.get("snapshotId").asText()).isEqualTo(first);
    assertThat(secondPage.get("nextPageToken").isNull()).isTrue();

    assertBadParameter(
        read(READER, "versions", "application/json", Map.of("asOf", "snapshot:12345")), "asOf");
    assertBadParameter(
        read(READER, "versions", "application/json", Map.of("asOf", "1999-01-01T00:00:00Z")),
        "asOf");
  }

  @Test
  void aCallerWithoutRightsGetsAProblemDocument() throws Exception {
    execute("CREATE TABLE lakehouse.%s.guarded (id bigint)", DOMAIN);
    execute("INSERT INTO lakehouse.%s.guarded VALUES (1)", DOMAIN);

    for (String accept : List.of("application/json", "text/csv")) {
      Response response = read(STRANGER, "guarded", accept, Map.of());
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.contentType()).startsWith(Problem.MEDIA_TYPE);
      JsonNode problem = JSON.readTree(response.asString());
      assertThat(problem.get("status").asInt()).isEqualTo(403);
      assertThat(problem.get("type").asText()).isEqualTo(ErrorCode.FORBIDDEN.type());
      assertThat(problem.get("detail").asText()).containsPattern(DENIAL);
    }
    Response hiddenColumn =
        read(READER, "guarded", "application/json", Map.of("columns", "secret"));
    assertBadParameter(hiddenColumn, "columns");
  }

  @Test
  void badParametersAreProblemDocumentsNamingTheParameter() throws Exception {
    execute("CREATE TABLE lakehouse.%s.checked (id bigint, label varchar, secret varchar)", DOMAIN);
    execute("INSERT INTO lakehouse.%s.checked VALUES (1, 'a', 'x'), (2, 'b', 'y')", DOMAIN);

    Map<String, Map<String, String>> cases = new LinkedHashMap<>();
    cases.put("columns", Map.of("columns", "id;DROP TABLE x"));
    cases.put("columns ", Map.of("columns", "id,id"));
    cases.put("columns  ", Map.of("columns", "nothing"));
    cases.put("columns   ", Map.of("columns", "secret"));
    cases.put("limit", Map.of("limit", "0"));
    cases.put("limit ", Map.of("limit", "10001"));
    cases.put("limit  ", Map.of("limit", "many"));
    cases.put("asOf", Map.of("asOf", "yesterday"));
    cases.put("asOf ", Map.of("asOf", "snapshot:latest"));
    cases.put("asOf  ", Map.of("asOf", "2025-01-01 00:00:00' OR 1=1 --"));
    cases.put("pageToken", Map.of("pageToken", "not-a-token"));
    cases.put("filter", Map.of("filter", "lower(name) = 'ada'"));
    cases.put("filter ", Map.of("filter", "secret = 'x'"));
    cases.put("filter  ", Map.of("filter", "id = 'one'"));
    cases.forEach(
        (parameter, parameters) ->
            assertBadParameter(
                read(READER, "checked", "application/json", parameters), parameter.strip()));

    String token =
        JSON.readTree(
                read(READER, "checked", "application/json", Map.of("columns", "id", "limit", "1"))
                    .asString())
            .get("nextPageToken")
            .asText();
    assertThat(
            read(
                    READER,
                    "checked",
                    "application/json",
                    Map.of("columns", "id", "limit", "1", "pageToken", token))
                .statusCode())
        .isEqualTo(200);
    assertBadParameter(
        read(
            READER,
            "checked",
            "application/json",
            Map.of("columns", "label", "limit", "1", "pageToken", token)),
        "pageToken");
    assertBadParameter(
        read(READER, "paged_elsewhere", "application/json", Map.of("pageToken", token)),
        "pageToken");

    ObjectNode edited = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(token));
    edited.put("offset", 0);
    String tampered =
        Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(edited));
    assertBadParameter(
        read(
            READER,
            "checked",
            "application/json",
            Map.of("columns", "id", "limit", "1", "pageToken", tampered)),
        "pageToken");
  }

  @Test
  void fiftyThousandRowsStreamPageByPage() throws Exception {
    execute("CREATE TABLE lakehouse.%s.large (id bigint, label varchar)", DOMAIN);
    execute(
        // sequence() stops at 10,000 entries: 50 thousands.
        "INSERT INTO lakehouse.%s.large SELECT id, 'label ' || CAST(id AS varchar) FROM"
            + " (SELECT (thousand - 1) * 1000 + unit AS id"
            + " FROM UNNEST(sequence(1, 50)) AS thousands(thousand)"
            + " CROSS JOIN UNNEST(sequence(1, 1000)) AS units(unit))",
        DOMAIN);

    long expected = 1;
    int pages = 0;
    String pageToken = null;
    do {
      Map<String, String> parameters = new LinkedHashMap<>();
      parameters.put("limit", "10000");
      if (pageToken != null) {
        parameters.put("pageToken", pageToken);
      }
      Response response = read(READER, "large", "text/csv", parameters);
      assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
      List<String> lines = response.asString().lines().toList();
      assertThat(lines.getFirst()).isEqualTo("id,label");
      assertThat(lines).hasSize(10_001);
      for (String line : lines.subList(1, lines.size())) {
        assertThat(line).isEqualTo(expected + ",label " + expected);
        expected++;
      }
      pageToken = response.header(DataResource.NEXT_PAGE_TOKEN_HEADER);
      pages++;
    } while (pageToken != null);

    assertThat(pages).isEqualTo(5);
    assertThat(expected - 1).isEqualTo(50_000);

    String ndjson =
        read(READER, "large", "application/x-ndjson", Map.of("limit", "10000")).asString();
    assertThat(ndjson.lines().count()).isEqualTo(10_000);
    assertThat(ndjson.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(300_000);
  }

  @Test
  void aTableWithoutSnapshotHasColumnsButNoRowsNoTokenAndNoSnapshot() throws Exception {
    // Trino commits a snapshot when it creates a table; the Iceberg API, as provisioning uses it,
    // does not.
    try (JdbcCatalog catalog =
        LakehouseCatalogs.openCatalog(
            LocalLakehouseResource.settings(),
            Secrets.load(LocalLakehouseResource.settings().layout()))) {
      catalog.createTable(
          TableIdentifier.of(DOMAIN, "nothing_yet"),
          new Schema(
              Types.NestedField.required(1, "id", Types.LongType.get()),
              Types.NestedField.optional(2, "label", Types.StringType.get())));
    }

    Response response = read(READER, "nothing_yet", "application/json", Map.of());
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    assertThat(response.header(DataResource.SNAPSHOT_ID_HEADER)).isNull();
    JsonNode page = JSON.readTree(response.asString());
    assertThat(page.get("columns").toString())
        .isEqualTo(
            "[{\"name\":\"id\",\"type\":\"bigint\"},{\"name\":\"label\",\"type\":\"varchar\"}]");
    assertThat(page.get("rows")).isEmpty();
    assertThat(page.get("nextPageToken").isNull()).isTrue();
    assertThat(page.get("snapshotId").isNull()).isTrue();
    assertThat(read(READER, "nothing_yet", "text/csv", Map.of()).asString())
        .isEqualTo("id,label\r\n");
    assertThat(read(STRANGER, "nothing_yet", "application/json", Map.of()).statusCode())
        .as("an empty table is guarded all the same")
        .isEqualTo(403);
  }

  @Test
  void anEmptySnapshotHasNoRowsAndNoToken() throws Exception {
    execute("CREATE TABLE lakehouse.%s.created_empty (id bigint)", DOMAIN);

    JsonNode page =
        JSON.readTree(read(READER, "created_empty", "application/json", Map.of()).asString());
    assertThat(page.get("rows")).isEmpty();
    assertThat(page.get("nextPageToken").isNull()).isTrue();
    assertThat(page.get("snapshotId").asText()).matches("-?[0-9]+");
  }

  @Test
  void unknownProductsAndUnservedFormatsAreProblems() {
    Response missing = read(READER, "never_declared", "application/json", Map.of());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.contentType()).startsWith(Problem.MEDIA_TYPE);
    assertThat(read(READER, "Not-A-Name", "application/json", Map.of()).statusCode())
        .isEqualTo(404);
    assertThat(read(READER, "never_declared", "application/xml", Map.of()).statusCode())
        .isEqualTo(406);
  }

  private static void assertBadParameter(Response response, String parameter) {
    assertThat(response.statusCode()).as(parameter + ": " + response.asString()).isEqualTo(400);
    assertThat(response.contentType()).startsWith(Problem.MEDIA_TYPE);
    JsonNode problem;
    try {
      problem = JSON.readTree(response.asString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(problem.get("type").asText()).isEqualTo(ErrorCode.INVALID_REQUEST.type());
    assertThat(problem.get("detail").asText()).contains("'" + parameter + "'");
    assertThat(problem.get("errors").get(0).get("pointer").asText()).isEqualTo(parameter);
  }

  private static List<Long> ids(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.get("rows").forEach(row -> ids.add(row.get(0).asLong()));
    return ids;
  }

  private static Response read(
      String user, String product, String accept, Map<String, String> parameters) {
    RequestSpecification request =
        given().auth().oauth2(LocalLakehouseResource.token(user)).accept(accept);
    parameters.forEach(request::queryParam);
    return request.when().get("/api/v1/domains/{domain}/products/{product}/data", DOMAIN, product);
  }

  private static void execute(String sql, Object... arguments) throws SQLException {
    try (Connection service = connect(null);
        Statement statement = service.createStatement()) {
      statement.execute(sql.formatted(arguments));
    }
  }

  /** A connection as the service user, acting as another user when one is named. */
  private static Connection connect(String sessionUser) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", LakehouseSettings.SERVICE_USER);
    properties.setProperty(
        "accessToken", LocalLakehouseResource.token(LakehouseSettings.SERVICE_USER));
    if (sessionUser != null) {
      properties.setProperty("sessionUser", sessionUser);
    }
    return DRIVER.connect(LocalLakehouseResource.settings().trinoJdbcUrl(), properties);
  }
}
