package io.tributary.platform.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.platform.registry.AuditEvent;
import io.tributary.platform.registry.AuditOutcome;
import io.tributary.platform.registry.PageRequest;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.testing.LocalLakehouseResource;
import io.tributary.platform.testing.TestDomain;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The ingestion endpoint on the real local lakehouse: each test onboards its own domain, declares
 * products through the API, posts batches as the domain's owner, and reads the result back through
 * Trino (as the service user, with trino-jdbc) and through the data endpoint.
 */
@QuarkusTest
@QuarkusTestResource(LocalLakehouseResource.class)
class RecordsResourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(15);
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  @Inject Catalog catalog;
  @Inject PlatformStore store;

  @Test
  void aGoodBatchAsJsonAndAsNdjsonIsReadableThroughTrinoAndTheDataEndpoint() throws Exception {
    TestDomain domain = TestDomain.onboard("ingest", "Ingestion tests");
    declare(domain, "people", "[id]", "[]", PEOPLE_COLUMNS, "ingest");
    assertThat(((BaseTable) table(domain, "people")).operations().current().formatVersion())
        .as("equality deletes need format version 2")
        .isEqualTo(2);

    Response json =
        post(
            domain.ownerToken(),
            domain,
            "people",
            "application/json",
            """
            [{"id": 1, "name": "Ada", "score": 1.5, "born": "1815-12-10",
              "seen": "2025-01-31T12:00:00Z", "price": "19.99"},
             {"id": 2, "name": null}]
            """);
    assertThat(json.statusCode()).as(json.asString()).isEqualTo(201);
    JsonNode written = JSON.readTree(json.asString());
    assertThat(written.get("product").asText()).isEqualTo(domain.name() + ".people");
    assertThat(written.get("records").asInt()).isEqualTo(2);
    assertThat(written.get("mode").asText()).isEqualTo("upsert");
    assertThat(written.get("replayed").asBoolean()).isFalse();
    assertThat(written.get("snapshotId").asText())
        .isEqualTo(Long.toString(table(domain, "people").currentSnapshot().snapshotId()));

    Response ndjson =
        post(
            domain.ownerToken(),
            domain,
            "people",
            "application/x-ndjson; charset=utf-8",
            "{\"id\": 3, \"name\": \"Grace\", \"seen\": \"2025-01-31T13:30:00.123456+01:00\"}\n");
    assertThat(ndjson.statusCode()).as(ndjson.asString()).isEqualTo(201);

    assertThat(
            query(
                "SELECT id, name, score, CAST(born AS varchar), CAST(seen AS varchar), price"
                    + " FROM %s ORDER BY id",
                domain.table("people")))
        .containsExactly(
            "1|Ada|1.5|1815-12-10|2025-01-31 12:00:00.000000 UTC|19.99",
            "2|null|null|null|null|null",
            "3|Grace|null|null|2025-01-31 12:30:00.123456 UTC|null");

    JsonNode page = awaitRows(domain, "people", 3);
    assertThat(page.get("rows").toString())
        .isEqualTo(
            "[[1,\"Ada\",1.5,\"1815-12-10\",\"2025-01-31T12:00:00.000000Z\",19.99],"
                + "[2,null,null,null,null,null],"
                + "[3,\"Grace\",null,null,\"2025-01-31T12:30:00.123456Z\",null]]");

    List<AuditEvent> audit = store.listAuditEvents(domain.name(), PageRequest.first(50)).items();
    assertThat(audit)
        .filteredOn(event -> event.action().equals("product.ingest"))
        .extracting(AuditEvent::target, AuditEvent::outcome, AuditEvent::user)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                domain.name()
                    + ".people snapshot "
                    + written.get("snapshotId").asText()
                    + ", 2 records",
                AuditOutcome.SUCCEEDED,
                domain.name() + ".owner"));
  }

  @Test
  void anUpsertKeepsOneRowPerKeyWithTheNewValuesAndNoKeyAppends() throws Exception {
    TestDomain domain = TestDomain.onboard("ingest", "Ingestion tests");
    declare(domain, "people", "[id]", "[]", PEOPLE_COLUMNS, "ingest");
    String first = "[{\"id\": 1, \"name\": \"Ada\"}, {\"id\": 2, \"name\": \"Bo\"}]";
    assertThat(post(domain.ownerToken(), domain, "people", "application/json", first).statusCode())
        .isEqualTo(201);
    Response second =
        post(
            domain.ownerToken(),
            domain,
            "people",
            "application/json",
            "[{\"id\": 2, \"name\": \"Bob\", \"score\": 2.5}, {\"id\": 3, \"name\": \"Cy\"}]");
    assertThat(second.statusCode()).as(second.asString()).isEqualTo(201);
    assertThat(query("SELECT id, name, score FROM %s ORDER BY id", domain.table("people")))
        .containsExactly("1|Ada|null", "2|Bob|2.5", "3|Cy|null");
    assertThat(query("SELECT count(*), count(DISTINCT id) FROM %s", domain.table("people")))
        .containsExactly("3|3");
    Snapshot upsert = table(domain, "people").currentSnapshot();
    assertThat(upsert.summary())
        .containsEntry("added-equality-deletes", "2")
        .containsEntry("added-records", "2");

    declare(domain, "visits", "[]", "[]", PEOPLE_COLUMNS, "ingest");
    for (int round = 0; round < 2; round++) {
      Response appended = post(domain.ownerToken(), domain, "visits", "application/json", first);
      assertThat(appended.statusCode()).as(appended.asString()).isEqualTo(201);
      assertThat(JSON.readTree(appended.asString()).get("mode").asText()).isEqualTo("append");
    }
    assertThat(query("SELECT id, name FROM %s ORDER BY id", domain.table("visits")))
        .containsExactly("1|Ada", "1|Ada", "2|Bo", "2|Bo");
  }

  @Test
  void badRecordsAreAllReportedWithPointersAndNothingIsWritten() throws Exception {
    TestDomain domain = TestDomain.onboard("ingest", "Ingestion tests");
    declare(domain, "people", "[id]", "[]", PEOPLE_COLUMNS, "ingest");
    assertThat(
            post(
                    domain.ownerToken(),
                    domain,
                    "people",
                    "application/json",
                    "[{\"id\": 1, \"name\": \"Ada\"}]")
                .statusCode())
        .isEqualTo(201);
    long before = table(domain, "people").currentSnapshot().snapshotId();

    Response refused =
        post(
            domain.ownerToken(),
            domain,
            "people",
            "application/json",
            """
            [{"id": 2, "name": "fine"},
             {"id": "3", "nickname": "x"},
             {"name": "no key", "born": "10/12/1815", "price": 123456789.123},
             {"id": 4, "score": "high"},
             {"id": 2, "name": "twice"}]
            """);
    assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith(Problem.MEDIA_TYPE);
    JsonNode problem = JSON.readTree(refused.asString());
    assertThat(problem.get("type").asText()).isEqualTo(ErrorCode.INVALID_RECORDS.type());
    assertThat(problem.get("detail").asText())
        .isEqualTo("The batch has 7 problems; nothing was written");
    assertThat(errors(problem))
        .containsExactly(
            "/1/nickname: unknown field: the contract has no column 'nickname'",
            "/1/id: expected a long, got the string \"3\"",
            "/2/id: missing required field 'id'",
            "/2/born: expected a date such as 2025-01-31, got the string \"10/12/1815\"",
            "/2/price: 123456789.123 has more than 2 decimal places, which decimal(10,2) cannot"
                + " hold without rounding",
            "/3/score: expected a number, got the string \"high\"",
            "/4/id: record 4 has the same primary key (id=2) as record 0; a batch holds each key"
                + " once");
    assertThat(table(domain, "people").currentSnapshot().snapshotId()).isEqualTo(before);
    assertThat(query("SELECT id, name FROM %s", domain.table("people"))).containsExactly("1|Ada");

    Response notABatch =
        post(domain.ownerToken(), domain, "people", "application/json", "{\"id\": 5}");
    assertThat(notABatch.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notABatch.asString()).get("detail").asText())
        .contains("one JSON array of records");
    Response notJson =
        post(domain.ownerToken(), domain, "people", "application/x-ndjson", "{\"id\": 5,,}");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notJson.asString()).get("detail").asText())
        .startsWith("The body is not valid NDJSON at line 1, column");
    assertThat(table(domain, "people").currentSnapshot().snapshotId()).isEqualTo(before);
  }

  @Test
  void aSchemaMismatchNamesTheColumnsAndTheTypes() throws Exception {
    TestDomain domain = TestDomain.onboard("ingest", "Ingestion tests");
    declare(domain, "people", "[id]", "[]", PEOPLE_COLUMNS, "ingest");
    Response refused =
        post(
            domain.ownerToken(),
            domain,
            "people",
            "application/x-ndjson",
            """
            {"id": 1, "name": "Ada", "email": "ada@example.com"}
            {"id": 2147483648000000000000, "name": ["Bo"], "seen": 1738324800}
            """);
    assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
    assertThat(errors(JSON.readTree(refused.asString())))
        .containsExactly(
            "/0/email: unknown field: the contract has no column 'email'",
            "/1/id: 2147483648000000000000 is out of range for long (64 bits); use a decimal"
                + " column",
            "/1/name: expected a string, got an array",
            "/1/seen: expected a timestamp with an offset such as 2025-01-31T13:45:00Z or"
                + " 2025-01-31T14:45:00+01:00, got the number 1738324800");
    assertThat(table(domain, "people").currentSnapshot()).isNull();
  }

  @Test
  void aRetriedBatchWithItsIdempotencyKeyIsANoOpAndTheKeyNamesOneBody() throws Exception {
    TestDomain domain = TestDomain.onboard("ingest", "Ingestion tests");
    declare(domain, "people", "[id]", "[]", PEOPLE_COLUMNS, "ingest");
    String key = UUID.randomUUID().toString();
    String batch = "[{\"id\": 1, \"name\": \"Ada\"}]";
    Response first = post(domain.ownerToken(), domain, "people", "application/json", batch, key);
    assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
    int snapshots = snapshotCount(domain, "people");

    Response retry = post(domain.ownerToken(), domain, "people", "application/json", batch, key);
    assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(200);
    JsonNode replayed = JSON.readTree(retry.asString());
    JsonNode original = JSON.readTree(first.asString());
    assertThat(replayed.get("replayed").asBoolean()).isTrue();
    assertThat(replayed.get("snapshotId")).isEqualTo(original.get("snapshotId"));
    assertThat(replayed.get("idempotencyKey").asText()).isEqualTo(key);
    assertThat(replayed.get("records").asInt()).isEqualTo(1);
    assertThat(snapshotCount(domain, "people")).isEqualTo(snapshots);
    assertThat(table(domain, "people").currentSnapshot().summary())
        .containsEntry("tributary.idempotency-key", key);

    Response otherBody =
        post(
            domain.ownerToken(),
            domain,
            "people",
            "application/json",
            "[{\"id\": 1, \"name\": \"Eve\"}]",
            key);
    assertThat(otherBody.statusCode()).as(otherBody.asString()).isEqualTo(422);
    JsonNode conflict = JSON.readTree(otherBody.asString());
    assertThat(conflict.get("type").asText()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED.type());
    assertThat(conflict.get("detail").asText())
        .contains("'" + key + "' was used for a different batch");
    assertThat(snapshotCount(domain, "people")).isEqualTo(snapshots);
    assertThat(query("SELECT name FROM %s", domain.table("people"))).containsExactly("Ada");

    Response badKey =
        post(domain.ownerToken(), domain, "people", "application/json", batch, "a key");
    assertThat(badKey.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badKey.asString()).get("detail").asText()).contains("Idempotency-Key");
  }

  @Test
  void onlyTheDomainsProducersAndAdminsMayPost() throws Exception {
    TestDomain domain = TestDomain.onboard("ingest", "Ingestion tests");
    declare(domain, "people", "[id]", "[]", PEOPLE_COLUMNS, "ingest");
    String batch = "[{\"id\": 1, \"name\": \"Ada\"}]";
    for (String token :
        List.of(domain.readerToken(), LocalLakehouseResource.token("stranger", "elsewhere"))) {
      Response denied = post(token, domain, "people", "application/json", batch);
      assertThat(denied.statusCode()).as(denied.asString()).isEqualTo(403);
      assertThat(denied.contentType()).startsWith(Problem.MEDIA_TYPE);
      assertThat(JSON.readTree(denied.asString()).get("detail").asText())
          .isEqualTo(
              "Only the owners of domain '%s' (its producers) or platform admins may post records to %s.people"
                  .formatted(domain.name(), domain.name()));
    }
    assertThat(table(domain, "people").currentSnapshot()).isNull();
    assertThat(store.listAuditEvents(domain.name(), PageRequest.first(50)).items())
        .filteredOn(
            event ->
                event.action().equals("product.ingest") && event.outcome() == AuditOutcome.DENIED)
        .extracting(AuditEvent::user)
        .containsExactlyInAnyOrder(domain.name() + ".reader", "stranger");

    Response admin =
        post(
            LocalLakehouseResource.token("root", "platform-admins"),
            domain,
            "people",
            "application/json",
            batch);
    assertThat(admin.statusCode()).as(admin.asString()).isEqualTo(201);
    Response anonymous =
        given()
            .contentType("application/json")
            .body(batch)
            .post("/api/v1/domains/{d}/products/{p}/records", domain.name(), "people");
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void productsThatAreNotIngestedOrRetiredOrMissingTakeNoRecords() throws Exception {
    TestDomain domain = TestDomain.onboard("ingest", "Ingestion tests");
    declare(domain, "computed", "[id]", "[]", PEOPLE_COLUMNS, "external");
    Response external =
        post(
            domain.ownerToken(),
            domain,
            "computed",
            "application/json",
            "[{\"id\": 1, \"name\": \"Ada\"}]");
    assertThat(external.statusCode()).as(external.asString()).isEqualTo(409);
    assertThat(JSON.readTree(external.asString()).get("detail").asText())
        .isEqualTo(
            "%s.computed takes no records through the API: its source is 'external', and only"
                    .formatted(domain.name())
                + " products declared with source {type: ingest} do");

    declare(domain, "people", "[id]", "[]", PEOPLE_COLUMNS, "ingest");
    Response retired =
        given()
            .auth()
            .oauth2(domain.ownerToken())
            .delete("/api/v1/domains/{d}/products/{p}", domain.name(), "people");
    assertThat(retired.statusCode()).as(retired.asString()).isEqualTo(200);
    Response afterRetirement =
        post(
            domain.ownerToken(),
            domain,
            "people",
            "application/json",
            "[{\"id\": 1, \"name\": \"Ada\"}]");
    assertThat(afterRetirement.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(afterRetirement.asString()).get("detail").asText())
        .isEqualTo(domain.name() + ".people is retired: it takes no more records");

    assertThat(
            post(domain.ownerToken(), domain, "nothing", "application/json", "[{\"id\": 1}]")
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void limitsAndMediaTypesAreRefusedWithClearProblems() throws Exception {
    TestDomain domain = TestDomain.onboard("ingest", "Ingestion tests");
    declare(domain, "people", "[id]", "[]", PEOPLE_COLUMNS, "ingest");

    // The test profile sets max-records to 5000 and max-bytes to 4 MiB (application.properties).
    String tooMany =
        IntStream.range(0, 5001)
            .mapToObj(id -> "{\"id\":%d,\"name\":\"n\"}".formatted(id))
            .collect(Collectors.joining("\n"));
    Response records = post(domain.ownerToken(), domain, "people", "application/x-ndjson", tooMany);
    assertThat(records.statusCode()).as(records.asString()).isEqualTo(413);
    JsonNode recordsProblem = JSON.readTree(records.asString());
    assertThat(recordsProblem.get("type").asText()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE.type());
    assertThat(recordsProblem.get("detail").asText())
        .isEqualTo(
            "The batch holds more than 5000 records, the limit (tributary.ingestion.max-records);"
                + " split it into smaller batches");

    String tooLarge = "[{\"id\": 1, \"name\": \"" + "x".repeat(4 * 1024 * 1024) + "\"}]";
    Response bytes = post(domain.ownerToken(), domain, "people", "application/json", tooLarge);
    assertThat(bytes.statusCode()).as(bytes.asString()).isEqualTo(413);
    assertThat(JSON.readTree(bytes.asString()).get("detail").asText())
        .startsWith("The body is " + tooLarge.getBytes(StandardCharsets.UTF_8).length + " bytes")
        .endsWith("more than 4194304, the limit (tributary.ingestion.max-bytes); split the batch");

    Response csv = post(domain.ownerToken(), domain, "people", "text/csv", "id,name\n1,Ada\n");
    assertThat(csv.statusCode()).isEqualTo(415);
    assertThat(JSON.readTree(csv.asString()).get("detail").asText())
        .startsWith(
            "Records are posted as application/json (an array of objects) or"
                + " application/x-ndjson (one object per line); got text/csv");
    assertThat(table(domain, "people").currentSnapshot()).isNull();

    String atTheLimit =
        IntStream.range(0, 5000)
            .mapToObj(id -> "{\"id\":%d,\"name\":\"n\"}".formatted(id))
            .collect(Collectors.joining("\n"));
    assertThat(
            post(domain.ownerToken(), domain, "people", "application/x-ndjson", atTheLimit)
                .statusCode())
        .isEqualTo(201);
    assertThat(query("SELECT count(*) FROM %s", domain.table("people"))).containsExactly("5000");
  }

  /**
   * The clickstream of the example mesh: partitioned by hour, with a struct and a map column; and
   * the README's example request, sent as it is written there, to the example's orders.
   */
  @Test
  void nestedColumnsPartitionsAndTheReadmeExample() throws Exception {
    TestDomain domain = TestDomain.onboard("ingest", "Ingestion tests");
    declareExample(domain, "marketing/web_events.yaml", "marketing");
    Response events =
        post(
            domain.ownerToken(),
            domain,
            "web_events",
            "application/x-ndjson",
            """
            {"event_id": "e1", "event_time": "2025-01-31T09:15:00Z", "session_id": "s1", "event_type": "page_view", "page_url": "https://shop.example.com/", "device": {"type": "mobile", "os": "iOS", "browser": "Safari"}, "properties": {"utm_source": "news"}}
            {"event_id": "e2", "event_time": "2025-01-31T10:05:00Z", "session_id": "s1", "customer_id": 17, "event_type": "add_to_cart", "page_url": "https://shop.example.com/p/HOM-0042", "device": {"type": "mobile"}, "properties": {"sku": "HOM-0042", "quantity": "2"}}
            """);
    assertThat(events.statusCode()).as(events.asString()).isEqualTo(201);
    Response corrected =
        post(
            domain.ownerToken(),
            domain,
            "web_events",
            "application/json",
            """
            [{"event_id": "e2", "event_time": "2025-01-31T10:05:00Z", "session_id": "s1", "customer_id": 17, "event_type": "add_to_cart", "page_url": "https://shop.example.com/p/HOM-0042", "device": {"type": "mobile", "os": "Android"}, "properties": {"sku": "HOM-0042", "quantity": "3"}}]
            """);
    assertThat(corrected.statusCode()).as(corrected.asString()).isEqualTo(201);
    assertThat(
            query(
                "SELECT event_id, device.type, device.os, element_at(properties, 'sku'),"
                    + " element_at(properties, 'quantity')"
                    + " FROM %s ORDER BY event_id",
                domain.table("web_events")))
        .containsExactly("e1|mobile|iOS|null|null", "e2|mobile|Android|HOM-0042|3");
    assertThat(
            query(
                "SELECT count(*) FROM %s.%s.\"web_events$partitions\"",
                LakehouseSettings.CATALOG, domain.name()))
        .containsExactly("2");

    Response nestedProblem =
        post(
            domain.ownerToken(),
            domain,
            "web_events",
            "application/json",
            """
            [{"event_id": "e3", "event_time": "2025-01-31T11:00:00Z", "session_id": "s2", "event_type": "search", "page_url": "https://shop.example.com/", "device": {"type": "tv", "screen": 55}, "properties": {"query": ["lamp"]}}]
            """);
    assertThat(nestedProblem.statusCode()).isEqualTo(422);
    assertThat(errors(JSON.readTree(nestedProblem.asString())))
        .containsExactly(
            "/0/device/screen: unknown field: the struct has only [type, os, browser]",
            "/0/properties/query: expected a string, got an array");

    declareExample(domain, "sales/orders.yaml", "sales");
    ReadmeExample example = readmeExample();
    Response readme =
        given()
            .auth()
            .oauth2(domain.ownerToken())
            .contentType(example.contentType())
            .header("Idempotency-Key", example.idempotencyKey())
            .body(example.body().getBytes(StandardCharsets.UTF_8))
            .post(example.path().replace("/domains/sales/", "/domains/" + domain.name() + "/"));
    assertThat(readme.statusCode()).as(readme.asString()).isEqualTo(201);
    assertThat(JSON.readTree(readme.asString()).get("records").asInt()).isEqualTo(2);
    assertThat(
            query(
                "SELECT order_id, status, amount, lines[1].sku, lines[1].quantity FROM %s"
                    + " ORDER BY order_id",
                domain.table("orders")))
        .containsExactly("90001|placed|59.90|HOM-0042|2", "90002|paid|12.50|KIT-0007|1");
  }

  // ---------------------------------------------------------------- the README's example

  private record ReadmeExample(
      String path, String contentType, String idempotencyKey, String body) {}

  /** The ingestion example of the top README, read from the file so the two cannot drift. */
  private static ReadmeExample readmeExample() throws Exception {
    String readme = Files.readString(REPOSITORY.resolve("README.md"));
    Matcher block =
        Pattern.compile(
                "```bash\\n(TOKEN=[^`]*?/records' <<'EOF'\\n(.*?)\\nEOF\\n)```", Pattern.DOTALL)
            .matcher(readme);
    assertThat(block.find()).as("the README's ingestion example").isTrue();
    String command = block.group(1);
    return new ReadmeExample(
        find(command, "'http://localhost:8081(/api/v1/[^']+/records)'"),
        find(command, "-H 'Content-Type: ([^']+)'"),
        find(command, "-H 'Idempotency-Key: ([^']+)'"),
        block.group(2) + "\n");
  }

  private static String find(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as(regex).isTrue();
    return matcher.group(1);
  }

  // ---------------------------------------------------------------- the platform, as it is used

  private static final String PEOPLE_COLUMNS =
      """
            - {name: id, type: long, required: true}
            - {name: name, type: string}
            - {name: score, type: double}
            - {name: born, type: date}
            - {name: seen, type: timestamptz}
            - {name: price, type: "decimal(10,2)"}
      """;

  private static void declare(
      TestDomain domain,
      String product,
      String primaryKey,
      String partitioning,
      String columns,
      String source) {
    domain.declare(
        product,
        """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: %s, name: %s, version: 1.0.0}
        spec:
          zone: raw
          table:
            columns:
        %s
            primaryKey: %s
            partitioning: %s
          access: {visibility: private}
          source: {type: %s}
        """
            .formatted(domain.name(), product, columns, primaryKey, partitioning, source));
  }

  /** A product of the example mesh, moved into the test's domain. */
  private static void declareExample(TestDomain domain, String file, String exampleDomain)
      throws Exception {
    String yaml = Files.readString(REPOSITORY.resolve("data-products").resolve(file));
    String moved =
        yaml.replace("domain: " + exampleDomain + "\n", "domain: " + domain.name() + "\n");
    String product = file.substring(file.indexOf('/') + 1, file.indexOf('.'));
    domain.declare(product, moved);
  }

  private static Response post(
      String token, TestDomain domain, String product, String contentType, String body) {
    return post(token, domain, product, contentType, body, null);
  }

  private static Response post(
      String token,
      TestDomain domain,
      String product,
      String contentType,
      String body,
      String idempotencyKey) {
    return domain.postRecords(token, product, contentType, body, idempotencyKey);
  }

  private Table table(TestDomain domain, String product) {
    return catalog.loadTable(TableIdentifier.of(domain.name(), product));
  }

  private int snapshotCount(TestDomain domain, String product) {
    List<Snapshot> snapshots = new ArrayList<>();
    table(domain, product).snapshots().forEach(snapshots::add);
    return snapshots.size();
  }

  private static List<String> errors(JsonNode problem) {
    List<String> errors = new ArrayList<>();
    problem
        .get("errors")
        .forEach(
            error ->
                errors.add(error.get("pointer").asText() + ": " + error.get("message").asText()));
    return errors;
  }

  /** Waits until the domain's reader, under the rules provisioning wrote, sees this many rows. */
  private static JsonNode awaitRows(TestDomain domain, String product, int rows) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      Response response =
          given()
              .auth()
              .oauth2(domain.readerToken())
              .accept("application/json")
              .get("/api/v1/domains/{d}/products/{p}/data", domain.name(), product);
      if (response.statusCode() == 200) {
        JsonNode page = JSON.readTree(response.asString());
        if (page.get("rows").size() == rows) {
          return page;
        }
      } else if (response.statusCode() != 403) {
        fail("reading %s: %s", product, response.asString());
      }
      if (Instant.now().isAfter(deadline)) {
        fail("%s's reader still cannot read %d rows: %s", product, rows, response.asString());
      }
      Thread.sleep(200);
    }
  }

  /** Rows through Trino as the platform's service user, columns joined with {@code |}. */
  private static List<String> query(String sql, Object... arguments) throws SQLException {
    try (Connection connection =
            LocalLakehouseResource.connect(
                LakehouseSettings.SERVICE_USER,
                LocalLakehouseResource.token(LakehouseSettings.SERVICE_USER));
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql.formatted(arguments))) {
      List<String> rows = new ArrayList<>();
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> values = new ArrayList<>();
        for (int column = 1; column <= columns; column++) {
          values.add(String.valueOf(result.getObject(column)));
        }
        rows.add(String.join("|", values));
      }
      return rows;
    }
  }
}
