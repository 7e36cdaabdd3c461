package io.tributary.platform.declaration;

import static io.tributary.platform.declaration.DeclarationTexts.edited;
import static io.tributary.platform.declaration.DeclarationTexts.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tributary.platform.declaration.DeclarationTexts.Edit;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.SortDirection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeclarationParserTest {

  private static final String ORDERS = example("sales-orders.yaml");
  private static final String DAILY_REVENUE = example("sales-daily-revenue.yaml");
  private static final String DOMAIN = example("sales-domain.yaml");

  private final DeclarationParser parser = new DeclarationParser();

  @Test
  void readsTheDomainExample() {
    Domain domain = parser.parseDomain(DOMAIN);

    assertThat(domain.name()).isEqualTo("sales");
    assertThat(domain.metadata().title()).contains("Sales");
    assertThat(domain.spec().owners()).containsExactly("sales-owners");
    assertThat(domain.spec().members()).containsExactly("sales-analysts", "sales-engineers");
    assertThat(domain.spec().costs())
        .isEqualTo(new Domain.Costs(new BigDecimal("500"), 10_737_418_240L));
    assertThat(domain.spec().aws()).contains(new Domain.AwsAccount("123456789012", "eu-west-1"));
  }

  @Test
  void readsTheOrdersExample() {
    DataProduct orders = parser.parseDataProduct(ORDERS);

    assertThat(orders.reference()).hasToString("sales.orders");
    assertThat(orders.metadata().version()).isEqualTo(new SemanticVersion(1, 2, 0));
    assertThat(orders.metadata().tags()).containsExactly("orders", "revenue");
    DataProduct.Spec spec = orders.spec();
    assertThat(spec.zone()).isEqualTo(Zone.CURATED);
    Table table = spec.table();
    assertThat(table.columns())
        .extracting(Column::name)
        .containsExactly(
            "order_id", "customer_email", "ordered_at", "status", "amount", "items", "attributes");
    assertThat(table.column("amount").orElseThrow().type())
        .isEqualTo(new ColumnType.Decimal(12, 2));
    assertThat(table.column("customer_email").orElseThrow().classification()).contains("pii");
    assertThat(table.column("items").orElseThrow().type())
        .hasToString("list<struct<sku:string,quantity:int>>");
    assertThat(table.primaryKey()).containsExactly("order_id");
    assertThat(table.partitioning())
        .containsExactly(
            new PartitionField(PartitionTransform.DAY, 0, "ordered_at"),
            new PartitionField(PartitionTransform.BUCKET, 16, "order_id"));
    assertThat(table.sortOrder())
        .containsExactly(
            new SortField("ordered_at", SortDirection.DESC, NullOrder.NULLS_LAST),
            new SortField("order_id", SortDirection.ASC, NullOrder.NULLS_FIRST));
    // Numbers in table properties are kept as the text Iceberg expects.
    assertThat(table.properties())
        .containsEntry("write.format.default", "parquet")
        .containsEntry("write.target-file-size-bytes", "134217728");

    assertThat(spec.access().visibility()).isEqualTo(Visibility.DISCOVERABLE);
    List<Grant> grants = spec.access().grants();
    assertThat(grants).hasSize(3);
    Grant finance = grants.getFirst();
    assertThat(finance.principal()).isEqualTo(new Principal(Principal.Kind.GROUP, "finance"));
    assertThat(finance.columns())
        .isEqualTo(
            new ColumnSelection.Include(
                List.of("order_id", "customer_email", "amount", "ordered_at")));
    assertThat(finance.masks())
        .containsExactly(java.util.Map.entry("customer_email", MaskKind.HASH));
    assertThat(finance.rowFilter()).contains("amount > 100 AND ordered_at >= DATE '2026-01-01'");
    assertThat(finance.expires()).contains(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(finance.purpose()).contains("quarterly revenue report");
    assertThat(grants.get(1).columns())
        .isEqualTo(new ColumnSelection.Exclude(List.of("customer_email")));
    Grant auditor = grants.get(2);
    assertThat(auditor.principal()).hasToString("user:auditor@example.com");
    assertThat(auditor.columns()).isEqualTo(new ColumnSelection.All());
    // YAML reads `null` as a null value: it still means the NULL mask.
    assertThat(auditor.masks()).containsEntry("customer_email", MaskKind.NULL);
    assertThat(auditor.expires()).contains(Instant.parse("2026-12-31T22:59:59Z"));

    assertThat(spec.sla()).contains(new Sla(Duration.ofHours(6)));
    assertThat(spec.quality())
        .containsExactly(
            new QualityCheck.NotNull("order_id"),
            new QualityCheck.Unique("order_id"),
            new QualityCheck.AcceptedValues("status", List.of("placed", "shipped")),
            new QualityCheck.RowCountMin(1),
            new QualityCheck.CustomSql(
                "no_negative_amounts", "SELECT count(*) FROM {table} WHERE amount < 0", 0));
    assertThat(spec.source()).isEqualTo(new Source.Ingest());
  }

  @Test
  void readsTheDerivedProductExample() {
    DataProduct revenue = parser.parseDataProduct(DAILY_REVENUE);

    assertThat(revenue.metadata().owners()).isEmpty();
    assertThat(revenue.metadata().title()).contains("Daily revenue");
    assertThat(revenue.spec().access().grants().getFirst().columns())
        .isEqualTo(new ColumnSelection.All());
    Source.Sql source = (Source.Sql) revenue.spec().source();
    assertThat(source.inputs()).containsExactly(new ProductReference("sales", "orders"));
    assertThat(source.query()).startsWith("SELECT CAST(ordered_at AS date)");
    assertThat(source.schedule()).isEqualTo(Duration.ofHours(1));
    assertThat(source.refresh()).isEqualTo(Source.Refresh.MERGE);
  }

  @Test
  void readsAllDocumentsOfAStream() {
    String stream = String.join("\n---\n", DOMAIN, ORDERS, DAILY_REVENUE) + "\n---\n";

    List<Declaration> declarations = parser.parseAll(stream);

    assertThat(declarations)
        .extracting(Declaration::kind)
        .containsExactly("Domain", "DataProduct", "DataProduct");
  }

  @Test
  void prefixesPointersWithTheDocumentIndexInAStream() {
    String stream =
        String.join(
            "\n---\n",
            DOMAIN,
            edited(ORDERS, Edit.set("/spec/zone", "gold")),
            edited(DAILY_REVENUE, Edit.set("/metadata/version", "'1.0'")));

    assertThat(problemsOf(() -> parser.parseAll(stream)))
        .extracting(Problem::pointer)
        .containsExactly("/1/spec/zone", "/2/metadata/version");
  }

  @Test
  void readsJsonToo() throws Exception {
    String json =
        DeclarationTexts.YAML
            .readTree(ORDERS)
            .toPrettyString()
            .replace("  ", "\t"); // tabs are fine in JSON, though YAML forbids them

    assertThat(parser.parse(json)).isEqualTo(parser.parse(ORDERS));
  }

  @Test
  void aDomainWithoutTrinoLimitsGetsTheDefaults() {
    assertThat(parser.parseDomain(DOMAIN).spec().costs().trino())
        .isEqualTo(new Domain.TrinoLimits(10, 100, "20%"));
  }

  @Test
  void readsTheDomainsTrinoLimitsAndDefaultsThoseItLeavesOut() {
    Domain domain =
        parser.parseDomain(
            edited(
                DOMAIN,
                Edit.set("/spec/costs/trino", "{maxConcurrentQueries: 1, maxQueuedQueries: 0}")));
    assertThat(domain.spec().costs().trino()).isEqualTo(new Domain.TrinoLimits(1, 0, "20%"));

    Domain sized =
        parser.parseDomain(
            edited(DOMAIN, Edit.set("/spec/costs/trino", "{softMemoryLimit: 512MB}")));
    assertThat(sized.spec().costs().trino()).isEqualTo(new Domain.TrinoLimits(10, 100, "512MB"));
  }

  @Test
  void readsYamlFlowStyleThatLooksLikeJson() {
    String flow =
        "{apiVersion: tributary.io/v1, kind: Domain, metadata: {name: hr},"
            + " spec: {owners: [hr-owners], costs: {monthlyBudgetUsd: 9.99,"
            + " maxBytesScannedPerQuery: 1000}}}";

    Domain domain = parser.parseDomain(flow);

    assertThat(domain.spec().costs().monthlyBudgetUsd()).isEqualByComparingTo("9.99");
    assertThat(domain.spec().aws()).isEmpty();
  }

  @Test
  void refusesMalformedJson() {
    assertThat(problemsOf(() -> parser.parse("{\"apiVersion\": ")))
        .singleElement()
        .satisfies(problem -> assertThat(problem.message()).startsWith("not valid JSON at line 1"));
  }

  @Test
  void refusesADuplicateKey() {
    String duplicated = ORDERS.replace("  zone: curated", "  zone: curated\n  zone: raw");

    assertThat(problemsOf(() -> parser.parse(duplicated)))
        .singleElement()
        .satisfies(problem -> assertThat(problem.message()).contains("zone"));
  }

  @Test
  void refusesTextThatIsNotYaml() {
    assertThat(problemsOf(() -> parser.parse("kind: [DataProduct")))
        .singleElement()
        .satisfies(problem -> assertThat(problem.message()).startsWith("not valid YAML at line"));
  }

  @Test
  void refusesTwoDocumentsWhereOneIsExpected() {
    assertThat(problemsOf(() -> parser.parse(DOMAIN + "\n---\n" + ORDERS)))
        .containsExactly(new Problem("", "expected one declaration but found 2 documents"));
  }

  @Test
  void refusesAnotherKindThanTheOneExpected() {
    assertThat(problemsOf(() -> parser.parseDataProduct(DOMAIN)))
        .containsExactly(new Problem("/kind", "expected kind DataProduct but found Domain"));
  }

  @Test
  void reportsEveryProblemOfADocumentAtOnce() {
    String broken =
        edited(
            ORDERS,
            Edit.set("/apiVersion", "tributary.io/v2"),
            Edit.set("/metadata/name", "Orders"),
            Edit.set("/metadata/version", "'1.2'"),
            Edit.set("/spec/zone", "gold"),
            Edit.set("/spec/table/columns/3/type", "strng"),
            Edit.set("/spec/table/columns/4/colour", "red"),
            Edit.set("/spec/table/partitioning/0", "day(customer_email)"),
            Edit.set("/spec/access/grants/0/principal", "finance"),
            Edit.set("/spec/access/grants/0/masks/customer_email", "scramble"),
            Edit.set("/spec/sla/freshness", "6 hours"),
            Edit.set("/spec/quality/0/type", "not_empty"),
            Edit.set("/spec/source/type", "kafka"));

    List<Problem> problems = problemsOf(() -> parser.parse(broken));

    assertThat(problems)
        .extracting(Problem::pointer)
        .containsExactlyInAnyOrder(
            "/apiVersion",
            "/metadata/name",
            "/metadata/version",
            "/spec/zone",
            "/spec/table/columns/3/type",
            "/spec/table/columns/4/colour",
            "/spec/table/partitioning/0",
            "/spec/access/grants/0/principal",
            "/spec/access/grants/0/masks/customer_email",
            "/spec/sla/freshness",
            "/spec/quality/0/type",
            "/spec/source/type");
    assertThat(problems)
        .extracting(Problem::message)
        .contains(
            "'strng' is not a valid type: unknown type 'strng'; expected one of boolean, int, long,"
                + " float, double, date, time, timestamp, timestamptz, string, uuid, binary,"
                + " decimal(P,S), fixed[N], list<T>, map<K,V>, struct<name:T,...> (at character 1)",
            "day cannot be applied to column 'customer_email' of type string; it needs a date,"
                + " timestamp or timestamptz",
            "unknown zone 'gold'; expected raw, curated, analytics");
  }

  @Test
  void aBadColumnTypeDoesNotAlsoMakeReferencesToTheColumnProblems() {
    String broken = edited(ORDERS, Edit.set("/spec/table/columns/0/type", "lnog"));

    assertThat(problemsOf(() -> parser.parse(broken)))
        .extracting(Problem::pointer)
        .containsExactly("/spec/table/columns/0/type");
  }

  @Test
  void readsQualityCheckSeverityWithErrorAsTheDefault() {
    String declared =
        edited(
            ORDERS,
            Edit.set("/spec/quality/2/severity", "warn"),
            Edit.set("/spec/quality/4/severity", "error"));

    List<QualityCheck> checks = parser.parseDataProduct(declared).spec().quality();

    assertThat(checks)
        .extracting(QualityCheck::severity)
        .containsExactly(
            QualityCheck.Severity.ERROR,
            QualityCheck.Severity.ERROR,
            QualityCheck.Severity.WARN,
            QualityCheck.Severity.ERROR,
            QualityCheck.Severity.ERROR);
    assertThat(checks.get(2))
        .isEqualTo(
            new QualityCheck.AcceptedValues(
                "status", List.of("placed", "shipped"), QualityCheck.Severity.WARN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDeclarations")
  void refusesABadDeclarationWithThePointerToTheProblem(
      String description, String document, List<String> expectedPointers) {
    List<Problem> problems = problemsOf(() -> parser.parse(document));

    assertThat(problems).extracting(Problem::pointer).containsExactlyElementsOf(expectedPointers);
    assertThat(problems).allSatisfy(problem -> assertThat(problem.message()).isNotBlank());
  }

  static Stream<Arguments> badDeclarations() {
    return Stream.of(
        product("unknown top-level field", Edit.set("/spek", "{}"), "/spek"),
        product(
            "unknown nested field",
            Edit.set("/spec/table/columns/0/nullable", "false"),
            "/spec/table/columns/0/nullable"),
        product(
            "unknown field in a grant",
            Edit.set("/spec/access/grants/1/role", "reader"),
            "/spec/access/grants/1/role"),
        product("missing version", Edit.remove("/metadata/version"), "/metadata/version"),
        product("missing spec", Edit.remove("/spec"), "/spec"),
        product("missing table", Edit.remove("/spec/table"), "/spec/table"),
        product(
            "missing column type",
            Edit.remove("/spec/table/columns/2/type"),
            "/spec/table/columns/2/type"),
        product(
            "string where a boolean belongs",
            Edit.set("/spec/table/columns/0/required", "'always'"),
            "/spec/table/columns/0/required"),
        product(
            "object where a list belongs",
            Edit.set("/spec/access/grants", "{principal: 'group:finance'}"),
            "/spec/access/grants"),
        product(
            "number where a string belongs", Edit.set("/metadata/title", "42"), "/metadata/title"),
        product("bad apiVersion", Edit.set("/apiVersion", "tributary.io/v2"), "/apiVersion"),
        product("unknown kind", Edit.set("/kind", "Dataproduct"), "/kind"),
        product("upper-case product name", Edit.set("/metadata/name", "Orders"), "/metadata/name"),
        product("one-letter domain name", Edit.set("/metadata/domain", "s"), "/metadata/domain"),
        product(
            "unknown Iceberg type",
            Edit.set("/spec/table/columns/3/type", "strng"),
            "/spec/table/columns/3/type"),
        product(
            "decimal precision above 38",
            Edit.set("/spec/table/columns/4/type", "decimal(39,2)"),
            "/spec/table/columns/4/type"),
        product(
            "decimal scale above precision",
            Edit.set("/spec/table/columns/4/type", "decimal(2,3)"),
            "/spec/table/columns/4/type"),
        product(
            "map with one type",
            Edit.set("/spec/table/columns/6/type", "map<string>"),
            "/spec/table/columns/6/type"),
        product(
            "unknown type inside a struct",
            Edit.set("/spec/table/columns/5/type", "list<struct<sku:text>>"),
            "/spec/table/columns/5/type"),
        product(
            "upper-case column name",
            Edit.set("/spec/table/columns/3/name", "Status"),
            "/spec/table/columns/3/name",
            "/spec/quality/2/column"),
        product(
            "duplicate column",
            Edit.set("/spec/table/columns/6/name", "items"),
            "/spec/table/columns/6/name"),
        product("no columns", Edit.set("/spec/table/columns", "[]"), "/spec/table/columns"),
        product(
            "unknown partition transform",
            Edit.set("/spec/table/partitioning/0", "week(ordered_at)"),
            "/spec/table/partitioning/0"),
        product(
            "partition on a missing column",
            Edit.set("/spec/table/partitioning/1", "bucket[16](order_number)"),
            "/spec/table/partitioning/1"),
        product(
            "day() on a string",
            Edit.set("/spec/table/partitioning/0", "day(customer_email)"),
            "/spec/table/partitioning/0"),
        product(
            "bucket without a count",
            Edit.set("/spec/table/partitioning/1", "bucket(order_id)"),
            "/spec/table/partitioning/1"),
        product(
            "partition on a nested column",
            Edit.set("/spec/table/partitioning/1", "items"),
            "/spec/table/partitioning/1"),
        product(
            "redundant partition fields (Iceberg refuses day and hour of one column)",
            Edit.set("/spec/table/partitioning", "['day(ordered_at)', 'hour(ordered_at)']"),
            "/spec/table/partitioning"),
        product(
            "malformed sort key",
            Edit.set("/spec/table/sortOrder/0", "ordered_at downwards"),
            "/spec/table/sortOrder/0"),
        product(
            "sort by a missing column",
            Edit.set("/spec/table/sortOrder/1", "shipped_at desc"),
            "/spec/table/sortOrder/1"),
        product(
            "primary key on a missing column",
            Edit.set("/spec/table/primaryKey/0", "order_number"),
            "/spec/table/primaryKey/0"),
        product(
            "primary key on an optional column",
            Edit.set("/spec/table/primaryKey", "[order_id, customer_email]"),
            "/spec/table/primaryKey/1"),
        product(
            "primary key on a nested column",
            Edit.set("/spec/table/primaryKey", "[items]"),
            "/spec/table/primaryKey/0"),
        product(
            "version without a patch number",
            Edit.set("/metadata/version", "'1.2'"),
            "/metadata/version"),
        product("version with a v", Edit.set("/metadata/version", "v1.2.0"), "/metadata/version"),
        product("unknown zone", Edit.set("/spec/zone", "gold"), "/spec/zone"),
        product(
            "unknown visibility",
            Edit.set("/spec/access/visibility", "public"),
            "/spec/access/visibility"),
        product(
            "principal without a kind",
            Edit.set("/spec/access/grants/0/principal", "finance"),
            "/spec/access/grants/0/principal"),
        product(
            "principal of an unknown kind",
            Edit.set("/spec/access/grants/0/principal", "role:finance"),
            "/spec/access/grants/0/principal"),
        product(
            "grant including a missing column",
            Edit.set("/spec/access/grants/0/columns/include/1", "price"),
            "/spec/access/grants/0/columns/include/1"),
        product(
            "grant excluding a missing column",
            Edit.set("/spec/access/grants/1/columns/exclude/0", "email"),
            "/spec/access/grants/1/columns/exclude/0"),
        product(
            "grant columns neither all nor a list",
            Edit.set("/spec/access/grants/0/columns", "everything"),
            "/spec/access/grants/0/columns"),
        product(
            "grant columns with include and exclude",
            Edit.set("/spec/access/grants/0/columns", "{include: [amount], exclude: [status]}"),
            "/spec/access/grants/0/columns"),
        product(
            "mask on a missing column",
            Edit.set("/spec/access/grants/0/masks", "{email: hash}"),
            "/spec/access/grants/0/masks/email"),
        product(
            "unknown mask kind",
            Edit.set("/spec/access/grants/0/masks/customer_email", "scramble"),
            "/spec/access/grants/0/masks/customer_email"),
        product(
            "expires without a zone",
            Edit.set("/spec/access/grants/0/expires", "'2027-01-01T00:00:00'"),
            "/spec/access/grants/0/expires"),
        product(
            "expires in words",
            Edit.set("/spec/access/grants/0/expires", "next year"),
            "/spec/access/grants/0/expires"),
        product(
            "freshness not ISO-8601",
            Edit.set("/spec/sla/freshness", "6 hours"),
            "/spec/sla/freshness"),
        product(
            "unknown quality check type",
            Edit.set("/spec/quality/0/type", "not_empty"),
            "/spec/quality/0/type"),
        product(
            "quality check on a missing column",
            Edit.set("/spec/quality/2/column", "state"),
            "/spec/quality/2/column"),
        product(
            "quality check without its column",
            Edit.remove("/spec/quality/1/column"),
            "/spec/quality/1/column"),
        product(
            "custom SQL without its expectation",
            Edit.remove("/spec/quality/4/expect"),
            "/spec/quality/4/expect"),
        product(
            "unknown quality check severity",
            Edit.set("/spec/quality/0/severity", "fatal"),
            "/spec/quality/0/severity"),
        product(
            "quality check severity that is not text",
            Edit.set("/spec/quality/3/severity", "[warn]"),
            "/spec/quality/3/severity"),
        product(
            "custom SQL naming its table directly",
            Edit.set("/spec/quality/4/sql", "SELECT count(*) FROM sales.orders WHERE amount < 0"),
            "/spec/quality/4/sql"),
        product("unknown source type", Edit.set("/spec/source/type", "kafka"), "/spec/source/type"),
        product(
            "sql source without inputs and query",
            Edit.set("/spec/source", "{type: sql, schedule: PT1H}"),
            "/spec/source/inputs",
            "/spec/source/query"),
        product(
            "ingest source with sql fields",
            Edit.set("/spec/source/query", "SELECT 1"),
            "/spec/source/query"),
        Arguments.of(
            "merge refresh without a primary key",
            edited(DAILY_REVENUE, Edit.remove("/spec/table/primaryKey")),
            List.of("/spec/source/refresh")),
        Arguments.of(
            "sql input that is not <domain>.<product>",
            edited(DAILY_REVENUE, Edit.set("/spec/source/inputs/0", "orders")),
            List.of("/spec/source/inputs/0")),
        Arguments.of(
            "sql schedule not ISO-8601",
            edited(DAILY_REVENUE, Edit.set("/spec/source/schedule", "hourly")),
            List.of("/spec/source/schedule")),
        Arguments.of(
            "sql schedule under a minute",
            edited(DAILY_REVENUE, Edit.set("/spec/source/schedule", "PT30S")),
            List.of("/spec/source/schedule")),
        Arguments.of(
            "sql schedule not whole minutes",
            edited(DAILY_REVENUE, Edit.set("/spec/source/schedule", "PT1M30S")),
            List.of("/spec/source/schedule")),
        domain("domain without owners", Edit.remove("/spec/owners"), "/spec/owners"),
        domain("domain with no owners", Edit.set("/spec/owners", "[]"), "/spec/owners"),
        domain(
            "AWS account id as a number",
            Edit.set("/spec/aws/accountId", "123456789012"),
            "/spec/aws/accountId"),
        domain(
            "negative budget",
            Edit.set("/spec/costs/monthlyBudgetUsd", "-5"),
            "/spec/costs/monthlyBudgetUsd"),
        domain(
            "fractional byte limit",
            Edit.set("/spec/costs/maxBytesScannedPerQuery", "1.5"),
            "/spec/costs/maxBytesScannedPerQuery"),
        domain(
            "unknown field in costs",
            Edit.set("/spec/costs/currency", "EUR"),
            "/spec/costs/currency"),
        domain(
            "no concurrent query at all",
            Edit.set("/spec/costs/trino", "{maxConcurrentQueries: 0}"),
            "/spec/costs/trino/maxConcurrentQueries"),
        domain(
            "negative queue",
            Edit.set("/spec/costs/trino", "{maxQueuedQueries: -1}"),
            "/spec/costs/trino/maxQueuedQueries"),
        domain(
            "memory share over 100%",
            Edit.set("/spec/costs/trino", "{softMemoryLimit: '150%'}"),
            "/spec/costs/trino/softMemoryLimit"),
        domain(
            "memory limit without a unit",
            Edit.set("/spec/costs/trino", "{softMemoryLimit: '512'}"),
            "/spec/costs/trino/softMemoryLimit"),
        domain(
            "memory limit as a number",
            Edit.set("/spec/costs/trino", "{softMemoryLimit: 20}"),
            "/spec/costs/trino/softMemoryLimit"),
        domain(
            "unknown field in the Trino limits",
            Edit.set("/spec/costs/trino", "{maxMemory: 1GB}"),
            "/spec/costs/trino/maxMemory"),
        domain(
            "every bad Trino limit at once",
            Edit.set(
                "/spec/costs/trino",
                "{maxConcurrentQueries: 1.5, maxQueuedQueries: 20000, softMemoryLimit: '0%'}"),
            "/spec/costs/trino/maxConcurrentQueries",
            "/spec/costs/trino/maxQueuedQueries",
            "/spec/costs/trino/softMemoryLimit"),
        domain("bad domain name", Edit.set("/metadata/name", "sales-eu"), "/metadata/name"),
        domain("bad region", Edit.set("/spec/aws/region", "Ireland"), "/spec/aws/region"));
  }

  private static Arguments product(String description, Edit edit, String... expectedPointers) {
    return Arguments.of(description, edited(ORDERS, edit), List.of(expectedPointers));
  }

  private static Arguments domain(String description, Edit edit, String... expectedPointers) {
    return Arguments.of(description, edited(DOMAIN, edit), List.of(expectedPointers));
  }

  @Test
  void defaultsWhatADeclarationLeavesOut() {
    String minimal =
        """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: sales, name: returns, version: 0.1.0}
        spec:
          zone: raw
          table:
            columns:
              - {name: return_id, type: long}
          source: {type: external}
        """;

    DataProduct product = parser.parseDataProduct(minimal);

    assertThat(product.metadata().title()).isEmpty();
    assertThat(product.spec().access()).isEqualTo(Access.PRIVATE_WITHOUT_GRANTS);
    assertThat(product.spec().sla()).isEqualTo(Optional.empty());
    assertThat(product.spec().quality()).isEmpty();
    assertThat(product.spec().table().columns().getFirst().required()).isFalse();
    assertThat(product.spec().table().partitioning()).isEmpty();
  }

  static List<Problem> problemsOf(Runnable parsing) {
    DeclarationException refused = catchThrowableOfType(DeclarationException.class, parsing::run);
    assertThat(refused).as("the declaration should have been refused").isNotNull();
    return refused.problems();
  }
}
