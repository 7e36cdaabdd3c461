package io.tributary.platform.enforcement.lakeformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.policies.lakeformation.ColumnInput;
import io.tributary.policies.lakeformation.ColumnSelection;
import io.tributary.policies.lakeformation.GrantInput;
import io.tributary.policies.lakeformation.LakeFormationCompiler;
import io.tributary.policies.lakeformation.LakeFormationPermission;
import io.tributary.policies.lakeformation.LakeFormationPlan;
import io.tributary.policies.lakeformation.ProductInput;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;

/**
 * The enforcer against {@link LakeFormationTestServer}: the AWS SDK's real client, over HTTP, on
 * the Lake Formation REST-JSON protocol.
 */
class LakeFormationEnforcerTest {
  static final String ACCOUNT = "123456789012";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

  static final List<ColumnInput> ORDER_COLUMNS =
      List.of(
          ColumnInput.of("order_id", "long"),
          ColumnInput.of("region", "string"),
          ColumnInput.of("amount", "decimal(10,2)"),
          new ColumnInput("customer_email", "string", "pii"));

  static final GrantInput FINANCE = GrantInput.of("group:finance", ColumnSelection.all());
  static final GrantInput ANALYSTS =
      GrantInput.of("group:analysts", ColumnSelection.include("order_id", "region", "amount"));
  static final GrantInput AUDITORS_EU =
      GrantInput.of("group:auditors", ColumnSelection.all()).withRowFilter("region = 'eu'");

  LakeFormationTestServer server;
  LakeFormationClient client;
  LakeFormationEnforcer enforcer;
  List<String> log = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = new LakeFormationTestServer();
    client =
        LakeFormationClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    enforcer = new LakeFormationEnforcer(client);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  static String role(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
  }

  static LakeFormationPlan plan(List<GrantInput> grants) {
    LakeFormationCompiler compiler =
        new LakeFormationCompiler(
            ACCOUNT, principal -> role(principal.substring(principal.indexOf(':') + 1)), CLOCK);
    return compiler.compile(
        List.of(new ProductInput("sales", "orders", "curated", ORDER_COLUMNS, grants)));
  }

  static LakeFormationPlan plan(GrantInput... grants) {
    return plan(List.of(grants));
  }

  /** Finance, analysts, auditors (row-filtered) and 22 teams: 25 grants, two batches. */
  static List<GrantInput> manyGrants() {
    List<GrantInput> grants = new ArrayList<>(List.of(FINANCE, ANALYSTS, AUDITORS_EU));
    IntStream.rangeClosed(1, 22)
        .forEach(
            team ->
                grants.add(
                    GrantInput.of(
                        "group:team%02d".formatted(team), ColumnSelection.include("order_id"))));
    return grants;
  }

  LakeFormationReconcileReport reconcile(LakeFormationPlan plan) {
    return enforcer.reconcile(plan, log::add);
  }

  @Test
  void theSdkSpeaksRestJsonWithOnePathPerOperation() {
    reconcile(plan(FINANCE));

    assertThat(server.received())
        .allSatisfy(
            request -> {
              assertThat(request.method()).isEqualTo("POST");
              assertThat(request.path()).isEqualTo("/" + request.operation());
              assertThat(request.contentType()).isEqualTo("application/json");
              // REST-JSON: the operation is the path, not an X-Amz-Target header as in JSON 1.1.
              assertThat(request.target()).isNull();
            });
    assertThat(server.operations()).contains("ListPermissions", "BatchGrantPermissions");
  }

  @Test
  void theFirstReconcileCreatesTagsAttachesThemAndGrantsEverything() {
    LakeFormationPlan plan = plan(manyGrants());

    LakeFormationReconcileReport report = reconcile(plan);

    List<String> operations = server.operations();
    assertThat(operations).doesNotContain("BatchRevokePermissions", "DeleteDataCellsFilter");
    assertThat(lastIndexOf(operations, "CreateLFTag"))
        .isLessThan(operations.indexOf("AddLFTagsToResource"));
    assertThat(lastIndexOf(operations, "AddLFTagsToResource"))
        .isLessThan(operations.indexOf("ListPermissions"));
    assertThat(lastIndexOf(operations, "CreateDataCellsFilter"))
        .isLessThan(operations.indexOf("BatchGrantPermissions"));

    // The bodies on the wire are the compiler's, member for member.
    assertThat(server.bodies("CreateLFTag"))
        .containsExactlyElementsOf(json(plan.createLfTagRequests()));
    assertThat(server.bodies("AddLFTagsToResource"))
        .containsExactlyElementsOf(json(plan.addLfTagsToResourceRequests()));
    assertThat(server.bodies("CreateDataCellsFilter"))
        .containsExactlyElementsOf(json(plan.createDataCellsFilterRequests()));
    assertThat(server.bodies("BatchGrantPermissions"))
        .containsExactlyElementsOf(json(plan.batchGrantPermissionsRequests()))
        .hasSize(2)
        .allSatisfy(body -> assertThat(body.path("Entries").size()).isLessThanOrEqualTo(20));

    assertThat(server.permissions()).hasSize(25);
    assertThat(server.tags())
        .containsEntry("domain", Set.of("sales"))
        .containsEntry("zone", Set.of("raw", "curated", "analytics"))
        .containsEntry("classification", Set.of("pii"));
    assertThat(server.tableTags("sales", "orders"))
        .containsEntry("domain", "sales")
        .containsEntry("zone", "curated");
    assertThat(server.columnTags("sales", "orders", "customer_email"))
        .containsEntry("classification", "pii");
    assertThat(report.granted()).containsExactlyInAnyOrderElementsOf(plan.grants());
    assertThat(report.tagsCreated()).containsExactlyInAnyOrder("domain", "zone", "classification");
    assertThat(report.filtersCreated()).hasSize(1);
    assertThat(report.revoked()).isEmpty();
    assertThat(report.skipped()).isEmpty();
  }

  @Test
  void aSecondReconcileReadsEveryPageAndChangesNothing() {
    LakeFormationPlan plan = plan(manyGrants());
    reconcile(plan);
    server.clearReceived();

    LakeFormationReconcileReport report = reconcile(plan);

    assertThat(report.isEmpty()).isTrue();
    assertThat(server.operations())
        .containsOnly("GetLFTag", "GetResourceLFTags", "ListDataCellsFilter", "ListPermissions");
    // 24 permissions on the table at 2 a page, then the filter's one.
    assertThat(server.bodies("ListPermissions"))
        .hasSize(13)
        .filteredOn(body -> body.has("NextToken"))
        .hasSize(11);
  }

  @Test
  void removingAGrantRevokesExactlyIt() {
    reconcile(plan(FINANCE, ANALYSTS, AUDITORS_EU));
    server.clearReceived();

    LakeFormationReconcileReport report = reconcile(plan(FINANCE, AUDITORS_EU));

    assertThat(server.operations()).doesNotContain("BatchGrantPermissions");
    assertThat(server.bodies("BatchRevokePermissions"))
        .singleElement()
        .satisfies(
            body -> {
              assertThat(body.path("Entries")).hasSize(1);
              JsonNode entry = body.path("Entries").get(0);
              assertThat(entry.path("Principal").path("DataLakePrincipalIdentifier").asText())
                  .isEqualTo(role("analysts"));
              assertThat(entry.path("Resource").path("TableWithColumns").path("ColumnNames"))
                  .extracting(JsonNode::asText)
                  .containsExactlyInAnyOrder("amount", "order_id", "region");
              assertThat(entry.path("Permissions"))
                  .extracting(JsonNode::asText)
                  .containsExactly("SELECT");
            });
    assertThat(report.revoked())
        .singleElement()
        .extracting(LakeFormationPermission::principal)
        .isEqualTo(role("analysts"));
    assertThat(report.granted()).isEmpty();
    assertThat(principals(server.permissions()))
        .containsExactlyInAnyOrder(role("finance"), role("auditors"));
  }

  @Test
  void narrowingAGrantsColumnsRevokesTheOldColumnsThenGrantsTheNew() {
    reconcile(plan(FINANCE, ANALYSTS));
    server.clearReceived();

    reconcile(
        plan(
            FINANCE,
            GrantInput.of("group:analysts", ColumnSelection.include("order_id", "region"))));

    List<String> operations = server.operations();
    assertThat(operations).containsOnlyOnce("BatchRevokePermissions", "BatchGrantPermissions");
    assertThat(operations.indexOf("BatchRevokePermissions"))
        .isLessThan(operations.indexOf("BatchGrantPermissions"));
    assertThat(columns(server.bodies("BatchRevokePermissions").getFirst()))
        .containsExactlyInAnyOrder("amount", "order_id", "region");
    assertThat(columns(server.bodies("BatchGrantPermissions").getFirst()))
        .containsExactlyInAnyOrder("order_id", "region");
    assertThat(server.permissions())
        .filteredOn(item -> principal(item).equals(role("analysts")))
        .singleElement()
        .satisfies(
            item ->
                assertThat(item.path("Resource").path("TableWithColumns").path("ColumnNames"))
                    .extracting(JsonNode::asText)
                    .containsExactly("order_id", "region"));
  }

  @Test
  void aPrincipalThatNoLongerExistsIsSkippedAndTheRestIsGranted() {
    server.forgetPrincipal(role("analysts"));

    LakeFormationReconcileReport report = reconcile(plan(FINANCE, ANALYSTS, AUDITORS_EU));

    assertThat(report.skipped())
        .singleElement()
        .satisfies(
            skipped -> {
              assertThat(skipped.operation()).isEqualTo("BatchGrantPermissions");
              assertThat(skipped.entryId()).isEqualTo("sales.orders.group:analysts");
              assertThat(skipped.principal()).isEqualTo(role("analysts"));
              assertThat(skipped.reason()).startsWith("InvalidInputException: Invalid principal");
            });
    assertThat(report.granted())
        .extracting(LakeFormationPermission::principal)
        .containsExactlyInAnyOrder(role("finance"), role("auditors"));
    assertThat(principals(server.permissions()))
        .containsExactlyInAnyOrder(role("finance"), role("auditors"));
    assertThat(log).anyMatch(line -> line.contains("skipped") && line.contains(role("analysts")));
  }

  @Test
  void aRevokeForAPrincipalThatNoLongerExistsIsSkippedToo() {
    reconcile(plan(FINANCE, ANALYSTS));
    server.forgetPrincipal(role("analysts"));
    server.clearReceived();

    LakeFormationReconcileReport report = reconcile(plan(FINANCE));

    assertThat(server.bodies("BatchRevokePermissions")).hasSize(1);
    assertThat(report.revoked()).isEmpty();
    assertThat(report.skipped())
        .singleElement()
        .satisfies(
            skipped -> {
              assertThat(skipped.operation()).isEqualTo("BatchRevokePermissions");
              assertThat(skipped.principal()).isEqualTo(role("analysts"));
            });
  }

  @Test
  void aRowFilteredGrantCreatesItsFilterFirstAndAStaleFilterOfThePlatformIsDeleted() {
    ObjectNode stale = filter("tributary_000000000000000000000000", "region = 'us'");
    ObjectNode foreign = filter("hand_made", "region = 'uk'");
    server.holdFilter(stale);
    server.holdFilter(foreign);
    JsonNode onStale =
        LakeFormationTestServer.JSON
            .createObjectNode()
            .set(
                "DataCellsFilter",
                LakeFormationTestServer.JSON
                    .createObjectNode()
                    .put("TableCatalogId", ACCOUNT)
                    .put("DatabaseName", "sales")
                    .put("TableName", "orders")
                    .put("Name", "tributary_000000000000000000000000"));
    server.hold(role("auditors"), onStale, List.of("SELECT"), List.of());
    LakeFormationPlan plan = plan(FINANCE, AUDITORS_EU);
    String filterName = plan.dataCellsFilters().getFirst().name();

    LakeFormationReconcileReport report = reconcile(plan);

    List<String> operations = server.operations();
    assertThat(operations.indexOf("BatchRevokePermissions"))
        .isLessThan(operations.indexOf("DeleteDataCellsFilter"));
    assertThat(operations.indexOf("DeleteDataCellsFilter"))
        .isLessThan(operations.indexOf("CreateDataCellsFilter"));
    assertThat(operations.indexOf("CreateDataCellsFilter"))
        .isLessThan(operations.indexOf("BatchGrantPermissions"));
    assertThat(server.bodies("DeleteDataCellsFilter"))
        .singleElement()
        .satisfies(
            body -> assertThat(body.path("Name").asText()).isEqualTo(stale.path("Name").asText()));
    assertThat(server.bodies("CreateDataCellsFilter"))
        .singleElement()
        .satisfies(
            body ->
                assertThat(
                        body.path("TableData").path("RowFilter").path("FilterExpression").asText())
                    .isEqualTo("\"region\" = 'eu'"));
    assertThat(server.bodies("BatchGrantPermissions").getFirst().path("Entries"))
        .anySatisfy(
            entry ->
                assertThat(entry.path("Resource").path("DataCellsFilter").path("Name").asText())
                    .isEqualTo(filterName));
    assertThat(server.filterNames()).containsExactlyInAnyOrder("hand_made", filterName);
    assertThat(report.filtersDeleted())
        .containsExactly("sales.orders." + stale.path("Name").asText());
    assertThat(report.filtersCreated()).containsExactly("sales.orders." + filterName);
    assertThat(report.revoked())
        .singleElement()
        .extracting(LakeFormationPermission::principal)
        .isEqualTo(role("auditors"));
  }

  @Test
  void anyOtherFailedEntryFailsTheReconcileNamingTheEntry() {
    server.failEntriesOf(
        role("finance"), "InvalidInputException", "Permissions modification is invalid.");

    assertThatThrownBy(() -> reconcile(plan(FINANCE, ANALYSTS)))
        .isInstanceOf(LakeFormationEnforcementException.class)
        .hasMessageContaining("BatchGrantPermissions refused 1 entries")
        .hasMessageContaining("entry 'sales.orders.group:finance'")
        .hasMessageContaining(role("finance"))
        .hasMessageContaining("InvalidInputException: Permissions modification is invalid.");
    assertThat(principals(server.permissions())).containsExactly(role("analysts"));
  }

  @Test
  void permissionsThePlatformDoesNotManageAreLeftAlone() {
    JsonNode table =
        LakeFormationTestServer.JSON
            .createObjectNode()
            .set(
                "Table",
                LakeFormationTestServer.JSON
                    .createObjectNode()
                    .put("CatalogId", ACCOUNT)
                    .put("DatabaseName", "sales")
                    .put("Name", "orders"));
    server.hold(role("provisioner"), table, List.of("ALL", "ALTER", "DROP"), List.of());
    server.hold(LakeFormationEnforcer.IAM_ALLOWED_PRINCIPALS, table, List.of("ALL"), List.of());

    reconcile(plan(FINANCE));

    assertThat(server.operations()).doesNotContain("BatchRevokePermissions");
    assertThat(principals(server.permissions()))
        .containsExactlyInAnyOrder(
            role("provisioner"), LakeFormationEnforcer.IAM_ALLOWED_PRINCIPALS, role("finance"));
  }

  @Test
  void anExistingTagGetsTheValuesItLacksAndAnAttachedTagIsNotAttachedAgain() {
    server.defineTag("zone", "raw");
    server.defineTag("domain", "sales", "marketing");

    LakeFormationReconcileReport report = reconcile(plan(FINANCE));

    assertThat(server.bodies("UpdateLFTag"))
        .singleElement()
        .satisfies(
            body -> {
              assertThat(body.path("TagKey").asText()).isEqualTo("zone");
              assertThat(body.path("TagValuesToAdd"))
                  .extracting(JsonNode::asText)
                  .containsExactly("analytics", "curated");
            });
    assertThat(report.tagsCreated()).containsExactly("classification");
    assertThat(report.tagValuesAdded()).containsExactly("zone=analytics", "zone=curated");
    assertThat(server.tags().get("zone")).containsExactlyInAnyOrder("raw", "curated", "analytics");
    server.clearReceived();

    reconcile(plan(FINANCE));

    assertThat(server.operations())
        .doesNotContain("AddLFTagsToResource", "UpdateLFTag", "CreateLFTag");
  }

  @Test
  void aMissingPrincipalIsRecognisedByItsErrorCodeAndMessage() {
    assertThat(
            LakeFormationEnforcer.isMissingPrincipal(
                error("InvalidInputException", "Invalid principal: arn:aws:iam::1:role/x")))
        .isTrue();
    assertThat(
            LakeFormationEnforcer.isMissingPrincipal(
                error("InvalidInputException", "Principal arn:aws:iam::1:role/x does not exist")))
        .isTrue();
    assertThat(
            LakeFormationEnforcer.isMissingPrincipal(
                error("InvalidInputException", "Permissions modification is invalid.")))
        .isFalse();
    assertThat(
            LakeFormationEnforcer.isMissingPrincipal(
                error("AccessDeniedException", "Invalid principal")))
        .isFalse();
    assertThat(LakeFormationEnforcer.isMissingPrincipal(null)).isFalse();
  }

  // ---- helpers

  static software.amazon.awssdk.services.lakeformation.model.ErrorDetail error(
      String code, String message) {
    return software.amazon.awssdk.services.lakeformation.model.ErrorDetail.builder()
        .errorCode(code)
        .errorMessage(message)
        .build();
  }

  static ObjectNode filter(String name, String expression) {
    ObjectNode filter =
        LakeFormationTestServer.JSON
            .createObjectNode()
            .put("TableCatalogId", ACCOUNT)
            .put("DatabaseName", "sales")
            .put("TableName", "orders")
            .put("Name", name);
    filter.putObject("RowFilter").put("FilterExpression", expression);
    filter.putObject("ColumnWildcard").putArray("ExcludedColumnNames");
    return filter;
  }

  static List<JsonNode> json(List<ObjectNode> bodies) {
    return List.copyOf(bodies);
  }

  static int lastIndexOf(List<String> operations, String operation) {
    int index = operations.lastIndexOf(operation);
    assertThat(index).as("a %s request", operation).isNotNegative();
    return index;
  }

  static String principal(JsonNode item) {
    return item.path("Principal").path("DataLakePrincipalIdentifier").asText();
  }

  static List<String> principals(List<JsonNode> items) {
    return items.stream().map(LakeFormationEnforcerTest::principal).toList();
  }

  static List<String> columns(JsonNode batch) {
    List<String> columns = new ArrayList<>();
    batch
        .path("Entries")
        .get(0)
        .path("Resource")
        .path("TableWithColumns")
        .path("ColumnNames")
        .forEach(column -> columns.add(column.asText()));
    return columns;
  }
}
