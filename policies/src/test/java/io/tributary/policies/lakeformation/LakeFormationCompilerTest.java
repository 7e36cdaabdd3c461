package io.tributary.policies.lakeformation;

import static io.tributary.policies.lakeformation.Products.compile;
import static io.tributary.policies.lakeformation.Products.orders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LakeFormationCompilerTest {

  private static LakeFormationCompileException failure(ProductInput... products) {
    try {
      compile(products);
    } catch (LakeFormationCompileException e) {
      return e;
    }
    throw new AssertionError("the compiler accepted what it should refuse");
  }

  private static ProductInput table(
      List<ColumnInput> columns, List<String> partitions, GrantInput grant) {
    return new ProductInput("sales", "events", "raw", columns, partitions, List.of(grant));
  }

  @Test
  void anUnmappedPrincipalIsNamed() {
    assertThat(failure(orders(GrantInput.of("group:strangers", ColumnSelection.all()))).problems())
        .containsExactly(
            "sales.orders grant to group:strangers: no IAM role or Identity Center ARN is mapped"
                + " for group:strangers; add it to the principal mapping");
  }

  @Test
  void aMappingToSomethingElseThanAnArnIsRefused() {
    LakeFormationCompiler compiler =
        new LakeFormationCompiler(
            Products.ACCOUNT, Map.of("group:x", "sales-analysts"), Products.CLOCK);

    assertThatThrownBy(
            () ->
                compiler.compile(List.of(orders(GrantInput.of("group:x", ColumnSelection.all())))))
        .hasMessageContaining("'sales-analysts' is not an ARN of at most 255 characters");
  }

  @Test
  void theCatalogIdIsAnAccountId() {
    assertThatThrownBy(() -> new LakeFormationCompiler("12345", Map.of(), Products.CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the catalog id must be a 12-digit AWS account id, not '12345'");
  }

  @Test
  void aRowFilterOnADateColumnIsRefusedRatherThanLoosened() {
    GrantInput grant =
        GrantInput.of("group:finance", ColumnSelection.all())
            .withRowFilter("ordered_on >= date '2025-01-01'");

    assertThat(failure(orders(grant)).problems())
        .containsExactly(
            "sales.orders grant to group:finance: row filter column 'ordered_on' is of type date,"
                + " and Lake Formation filters rows only on string, numeric, boolean and struct"
                + " columns");
  }

  @Test
  void timestampsWithTimeZoneUuidsAndListsCannotBeFiltered() {
    List<ColumnInput> columns =
        List.of(
            ColumnInput.of("at", "timestamptz"),
            ColumnInput.of("id", "uuid"),
            ColumnInput.of("labels", "list<string>"));
    GrantInput grant =
        GrantInput.of("group:finance", ColumnSelection.all())
            .withRowFilter("at IS NOT NULL AND id IS NOT NULL AND labels IS NOT NULL");

    assertThat(failure(table(columns, List.of(), grant)).problems())
        .hasSize(3)
        .allMatch(problem -> problem.contains("Lake Formation filters rows only on"));
  }

  @Test
  void structColumnsMayBeTestedForNull() {
    List<ColumnInput> columns =
        List.of(ColumnInput.of("id", "long"), ColumnInput.of("customer", "struct<name:string>"));
    GrantInput grant =
        GrantInput.of("group:finance", ColumnSelection.all()).withRowFilter("customer IS NOT NULL");

    LakeFormationPlan plan = compile(table(columns, List.of(), grant));

    assertThat(plan.dataCellsFilters())
        .singleElement()
        .extracting(DataCellsFilter::filterExpression)
        .isEqualTo("\"customer\" IS NOT NULL");
  }

  @Test
  void nullTestsOnPartitionColumnsAreRefused() {
    List<ColumnInput> columns =
        List.of(ColumnInput.of("id", "long"), ColumnInput.of("region", "string"));
    GrantInput grant =
        GrantInput.of("group:finance", ColumnSelection.all())
            .withRowFilter("id > 3 OR NOT (region IS NULL)");

    assertThat(failure(table(columns, List.of("region"), grant)).problems())
        .containsExactly(
            "sales.events grant to group:finance: row filter tests partition column 'region' with"
                + " IS [NOT] NULL, which Lake Formation does not allow on partition columns");
  }

  @Test
  void aFilterOf2048CharactersIsRefusedAndOneOf2047Accepted() {
    // "region" IN ('a0000', ...) : 13 characters of frame, 9 per literal but the first (7).
    String accepted = inList(2047);
    String refused = inList(2048);
    assertThat(RowFilterLength.of(accepted)).isEqualTo(2047);
    assertThat(RowFilterLength.of(refused)).isEqualTo(2048);

    LakeFormationPlan plan =
        compile(
            orders(GrantInput.of("group:finance", ColumnSelection.all()).withRowFilter(accepted)));
    assertThat(plan.dataCellsFilters()).hasSize(1);
    assertThat(
            failure(
                    orders(
                        GrantInput.of("group:finance", ColumnSelection.all())
                            .withRowFilter(refused)))
                .problems())
        .containsExactly(
            "sales.orders grant to group:finance: the row filter is 2048 characters long once"
                + " written out, and Lake Formation takes fewer than 2048");
  }

  /** A filter whose canonical text is exactly {@code length} characters. */
  private static String inList(int length) {
    List<String> literals = new ArrayList<>();
    int size = "\"region\" IN ()".length();
    while (true) {
      int next = size + (literals.isEmpty() ? 0 : 2) + 2 + 1;
      if (next > length) {
        break;
      }
      literals.add("x");
      size = next;
    }
    int missing = length - size;
    String last = literals.removeLast();
    literals.add(last + "y".repeat(missing));
    return "region IN ("
        + literals.stream().map(l -> "'" + l + "'").collect(Collectors.joining(", "))
        + ")";
  }

  /** The canonical length of a filter. */
  private static final class RowFilterLength {
    static int of(String text) {
      return io.tributary.policies.rowfilter.RowFilter.parse(text).toSqlText().length();
    }
  }

  @Test
  void rowFilterSyntaxErrorsKeepTheirPosition() {
    GrantInput grant =
        GrantInput.of("group:finance", ColumnSelection.all()).withRowFilter("region = lower('EU')");

    assertThat(failure(orders(grant)).problems())
        .containsExactly(
            "sales.orders grant to group:finance: row filter: position 10: functions are not"
                + " allowed: lower(");
  }

  @Test
  void rowFiltersAreCheckedAgainstTheColumns() {
    GrantInput grant =
        GrantInput.of("group:finance", ColumnSelection.all()).withRowFilter("country = 'FR'");

    assertThat(failure(orders(grant)).problems())
        .singleElement()
        .asString()
        .startsWith("sales.orders grant to group:finance: row filter: position 1:")
        .contains("country");
  }

  @Test
  void everyProblemOfEveryProductIsListedAtOnce() {
    ProductInput badZone =
        new ProductInput(
            "sales",
            "refunds",
            "gold",
            List.of(ColumnInput.of("id", "long")),
            List.of(GrantInput.of("group:finance", ColumnSelection.all())));
    ProductInput badGrants =
        orders(
            GrantInput.of("group:finance", ColumnSelection.include("order_id", "nope")),
            GrantInput.of("group:sales-analysts", ColumnSelection.all())
                .withMasks(Map.of("ghost", Mask.HASH)),
            GrantInput.of("role:admin", ColumnSelection.all()));

    assertThat(failure(badZone, badGrants).problems())
        .containsExactly(
            "sales.refunds: zone 'gold' is not one of raw, curated, analytics",
            "sales.orders grant to group:finance: column 'nope' is not a column of the product",
            "sales.orders grant to group:sales-analysts: masked column 'ghost' is not a column of"
                + " the product",
            "sales.orders grant to role:admin: the principal must be group:NAME or user:NAME");
  }

  @Test
  void twoLiveGrantsToOnePrincipalAreRefused() {
    ProductInput product =
        orders(
            GrantInput.of("group:finance", ColumnSelection.include("order_id")),
            GrantInput.of("group:finance", ColumnSelection.include("amount")));

    assertThat(failure(product).problems())
        .singleElement()
        .asString()
        .contains("another live grant to this principal");
  }

  @Test
  void anExpiredGrantIsLeftOutWithANoteAndMayBeRenewed() {
    ProductInput product =
        orders(
            GrantInput.of("group:finance", ColumnSelection.include("order_id"))
                .withExpiry(Products.NOW),
            GrantInput.of("group:finance", ColumnSelection.include("amount"))
                .withExpiry(Products.NOW.plus(Duration.ofDays(30))));

    LakeFormationPlan plan = compile(product);

    assertThat(plan.grants())
        .singleElement()
        .extracting(LakeFormationPermission::resource)
        .isEqualTo(
            new PermissionResource.TableColumns(
                new TableResource(Products.ACCOUNT, "sales", "orders"),
                ColumnSpec.only(List.of("amount"))));
    assertThat(plan.notes())
        .containsExactly(
            new LakeFormationNote.ExpiredGrantOmitted(
                "sales.orders", "group:finance", Products.NOW));
  }

  @Test
  void anExpiredGrantOfAnUnmappedPrincipalIsNoError() {
    LakeFormationPlan plan =
        compile(
            orders(
                GrantInput.of("group:gone", ColumnSelection.all())
                    .withExpiry(Products.NOW.minusSeconds(1))));

    assertThat(plan.grants()).isEmpty();
  }

  @Test
  void aGrantWhoseEveryColumnIsMaskedIsLeftOutWithNotes() {
    LakeFormationPlan plan =
        compile(
            orders(
                GrantInput.of("group:finance", ColumnSelection.include("customer_email"))
                    .withMasks(Map.of("customer_email", Mask.REDACT))));

    assertThat(plan.grants()).isEmpty();
    assertThat(plan.notes())
        .containsExactly(
            new LakeFormationNote.MaskedColumnExcluded(
                "sales.orders", "group:finance", "customer_email", Mask.REDACT),
            new LakeFormationNote.GrantWithoutColumnsOmitted("sales.orders", "group:finance"));
  }

  @Test
  void aMaskOnAColumnTheGrantDoesNotShowNeedsNoNote() {
    LakeFormationPlan plan =
        compile(
            orders(
                GrantInput.of("group:finance", ColumnSelection.exclude("customer_email"))
                    .withMasks(Map.of("customer_email", Mask.HASH))));

    assertThat(plan.notes()).isEmpty();
  }

  @Test
  void aMaskedColumnIsAlsoExcludedFromTheDataCellsFilter() {
    LakeFormationPlan plan =
        compile(
            orders(
                GrantInput.of("group:finance", ColumnSelection.all())
                    .withMasks(Map.of("customer_email", Mask.HASH))
                    .withRowFilter("region = 'eu'")));

    assertThat(plan.dataCellsFilters())
        .singleElement()
        .extracting(DataCellsFilter::columns)
        .isEqualTo(ColumnSpec.allExcept(List.of("customer_email")));
    assertThat(plan.maskedColumnsExcluded()).hasSize(1);
  }

  @Test
  void invalidClassificationsAreRefusedAsTagValues() {
    ProductInput product =
        new ProductInput(
            "sales",
            "orders",
            "raw",
            List.of(new ColumnInput("id", "long", "pii, gdpr")),
            List.of());

    assertThat(failure(product).problems())
        .containsExactly(
            "sales.orders: classification 'pii, gdpr' of column 'id' is not a valid LF-Tag value"
                + " (1 to 256 letters, digits, spaces or _.:*/=+-@%)");
  }

  @Test
  void thePlanDoesNotDependOnTheOrderOfGrants() {
    GrantInput analysts =
        GrantInput.of("group:sales-analysts", ColumnSelection.include("order_id"));
    GrantInput finance =
        GrantInput.of("group:finance", ColumnSelection.all()).withRowFilter("amount > 0");

    assertThat(compile(orders(analysts, finance)).toJson())
        .isEqualTo(compile(orders(finance, analysts)).toJson());
  }

  @Test
  void aPrincipalFunctionMayBackTheMapping() {
    LakeFormationCompiler compiler =
        new LakeFormationCompiler(
            Products.ACCOUNT,
            principal -> "arn:aws:iam::123456789012:role/" + principal.replace(':', '-'),
            Products.CLOCK);

    LakeFormationPlan plan =
        compiler.compile(List.of(orders(GrantInput.of("user:ana", ColumnSelection.all()))));

    assertThat(plan.grants())
        .singleElement()
        .extracting(LakeFormationPermission::principal)
        .isEqualTo("arn:aws:iam::123456789012:role/user-ana");
  }

  @Test
  void fiftyOneDomainsNeedAnUpdateLfTagCallForTheLastValue() {
    Map<String, String> principals = new HashMap<>();
    List<ProductInput> products =
        IntStream.rangeClosed(1, 51)
            .mapToObj(
                index ->
                    new ProductInput(
                        "domain%02d".formatted(index),
                        "orders",
                        "raw",
                        List.of(ColumnInput.of("id", "long")),
                        List.of()))
            .toList();

    LakeFormationPlan plan =
        new LakeFormationCompiler(Products.ACCOUNT, principals, Products.CLOCK).compile(products);

    assertThat(plan.createLfTagRequests())
        .filteredOn(request -> request.get("TagKey").asText().equals("domain"))
        .singleElement()
        .satisfies(request -> assertThat(request.get("TagValues")).hasSize(50));
    assertThat(plan.updateLfTagRequests())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.get("TagKey").asText()).isEqualTo("domain");
              assertThat(request.get("TagValuesToAdd").get(0).asText()).isEqualTo("domain51");
            });
  }
}
