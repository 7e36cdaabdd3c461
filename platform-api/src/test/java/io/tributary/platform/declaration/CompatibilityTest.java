package io.tributary.platform.declaration;

import static io.tributary.platform.declaration.DeclarationTexts.edited;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.platform.declaration.DeclarationTexts.Edit;
import io.tributary.platform.declaration.ProductChange.Impact;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompatibilityTest {

  /** A product with one column of each kind the rules treat differently. */
  private static final String PREVIOUS =
      """
      apiVersion: tributary.io/v1
      kind: DataProduct
      metadata:
        domain: shop
        name: baskets
        version: 1.4.2
        title: Baskets
        description: One row per basket.
        tags: [baskets]
      spec:
        zone: curated
        table:
          columns:
            - {name: basket_id, type: long, required: true}
            - {name: created_at, type: timestamptz, required: true}
            - {name: item_count, type: int}
            - {name: weight, type: float}
            - {name: total, type: "decimal(10,2)"}
            - {name: note, type: string, description: Free text}
            - {name: customer, type: "struct<id:int,country:string>"}
            - {name: labels, type: "map<string,int>"}
          primaryKey: [basket_id]
          partitioning: ["day(created_at)"]
          sortOrder: [created_at]
          properties: {write.format.default: parquet}
        access:
          visibility: discoverable
          grants:
            - {principal: "group:analysts", columns: all}
        sla: {freshness: PT1H}
        quality:
          - {type: not_null, column: basket_id}
        source: {type: ingest}
      """;

  private static final DeclarationParser PARSER = new DeclarationParser();
  private static final DataProduct PREVIOUS_PRODUCT = PARSER.parseDataProduct(PREVIOUS);
  private static final SemanticVersion CURRENT = PREVIOUS_PRODUCT.metadata().version();

  static Stream<Arguments> compatibleChanges() {
    return Stream.of(
        change(
            "add an optional column",
            "/spec/table/columns/8",
            Edit.set("/spec/table/columns/-", "{name: coupon, type: string}")),
        change(
            "widen int to long",
            "/spec/table/columns/2/type",
            Edit.set("/spec/table/columns/2/type", "long")),
        change(
            "widen float to double",
            "/spec/table/columns/3/type",
            Edit.set("/spec/table/columns/3/type", "double")),
        change(
            "widen decimal precision at the same scale",
            "/spec/table/columns/4/type",
            Edit.set("/spec/table/columns/4/type", "'decimal(14,2)'")),
        change(
            "widen a struct field",
            "/spec/table/columns/6/type",
            Edit.set("/spec/table/columns/6/type", "'struct<id:long,country:string>'")),
        change(
            "add a struct field",
            "/spec/table/columns/6/type",
            Edit.set("/spec/table/columns/6/type", "'struct<id:int,country:string,city:string>'")),
        change(
            "widen a map value",
            "/spec/table/columns/7/type",
            Edit.set("/spec/table/columns/7/type", "'map<string,long>'")),
        change(
            "make a required column optional",
            "/spec/table/columns/1/required",
            Edit.set("/spec/table/columns/1/required", "false")),
        change(
            "change a column description",
            "/spec/table/columns/5/description",
            Edit.set("/spec/table/columns/5/description", "What the customer wrote")),
        change(
            "classify a column",
            "/spec/table/columns/5/classification",
            Edit.set("/spec/table/columns/5/classification", "pii")),
        change(
            "change the title", "/metadata/title", Edit.set("/metadata/title", "Shopping baskets")),
        change(
            "change the description",
            "/metadata/description",
            Edit.set("/metadata/description", "Baskets, checked out or not.")),
        change("change the tags", "/metadata/tags", Edit.set("/metadata/tags", "[baskets, shop]")),
        change(
            "add a grant",
            "/spec/access/grants/1",
            Edit.set(
                "/spec/access/grants/-",
                "{principal: 'group:finance', columns: {include: [total]}}")),
        change("revoke a grant", "/spec/access/grants", Edit.set("/spec/access/grants", "[]")),
        change(
            "change visibility",
            "/spec/access/visibility",
            Edit.set("/spec/access/visibility", "private")),
        change(
            "add a partition field",
            "/spec/table/partitioning/1",
            Edit.set("/spec/table/partitioning/-", "'bucket[8](basket_id)'")),
        change(
            "change the sort order",
            "/spec/table/sortOrder",
            Edit.set("/spec/table/sortOrder", "['created_at desc']")),
        change(
            "change a table property",
            "/spec/table/properties",
            Edit.set("/spec/table/properties/write.format.default", "orc")),
        change(
            "reorder columns",
            "/spec/table/columns",
            Edit.set(
                "/spec/table/columns/0", "{name: created_at, type: timestamptz, required: true}"),
            Edit.set("/spec/table/columns/1", "{name: basket_id, type: long, required: true}")),
        change("change the zone", "/spec/zone", Edit.set("/spec/zone", "analytics")),
        change("change the SLA", "/spec/sla", Edit.set("/spec/sla/freshness", "PT30M")),
        change(
            "add a quality check",
            "/spec/quality",
            Edit.set("/spec/quality/-", "{type: row_count_min, min: 1}")),
        change("change the source", "/spec/source", Edit.set("/spec/source/type", "external")));
  }

  static Stream<Arguments> breakingChanges() {
    return Stream.of(
        change("drop a column", "/spec/table/columns", Edit.remove("/spec/table/columns/5")),
        change(
            "rename a column",
            "/spec/table/columns",
            Edit.set("/spec/table/columns/5/name", "remark")),
        change(
            "narrow long to int",
            "/spec/table/columns/0/type",
            Edit.set("/spec/table/columns/0/type", "int")),
        change(
            "narrow decimal precision",
            "/spec/table/columns/4/type",
            Edit.set("/spec/table/columns/4/type", "'decimal(8,2)'")),
        change(
            "change decimal scale",
            "/spec/table/columns/4/type",
            Edit.set("/spec/table/columns/4/type", "'decimal(12,4)'")),
        change(
            "change string to int",
            "/spec/table/columns/5/type",
            Edit.set("/spec/table/columns/5/type", "int")),
        change(
            "change int to string",
            "/spec/table/columns/2/type",
            Edit.set("/spec/table/columns/2/type", "string")),
        change(
            "drop a struct field",
            "/spec/table/columns/6/type",
            Edit.set("/spec/table/columns/6/type", "'struct<id:int>'")),
        change(
            "change a map key",
            "/spec/table/columns/7/type",
            Edit.set("/spec/table/columns/7/type", "'map<int,int>'")),
        change(
            "make an optional column required",
            "/spec/table/columns/5/required",
            Edit.set("/spec/table/columns/5/required", "true")),
        change(
            "add a required column",
            "/spec/table/columns/8",
            Edit.set("/spec/table/columns/-", "{name: channel, type: string, required: true}")),
        change(
            "change the primary key",
            "/spec/table/primaryKey",
            Edit.set("/spec/table/primaryKey", "[basket_id, created_at]")),
        change(
            "remove a partition field",
            "/spec/table/partitioning",
            Edit.set("/spec/table/partitioning", "[]")),
        change(
            "change a partition field",
            "/spec/table/partitioning",
            Edit.set("/spec/table/partitioning/0", "'month(created_at)'")),
        change(
            "add a partition field before an existing one",
            "/spec/table/partitioning",
            Edit.set("/spec/table/partitioning", "['bucket[8](basket_id)', 'day(created_at)']")));
  }

  private static Arguments change(String description, String expectedPointer, Edit... edits) {
    return Arguments.of(description, expectedPointer, edits);
  }

  private static DataProduct changed(SemanticVersion version, Edit... edits) {
    return PARSER.parseDataProduct(edited(PREVIOUS, edits)).withVersion(version);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("compatibleChanges")
  void acceptsACompatibleChangeAtAMinorOrPatchBump(
      String description, String expectedPointer, Edit[] edits) {
    for (SemanticVersion version :
        new SemanticVersion[] {CURRENT.nextMinor(), CURRENT.nextPatch()}) {
      CompatibilityReport report = Compatibility.check(PREVIOUS_PRODUCT, changed(version, edits));

      assertThat(report.violations()).isEmpty();
      assertThat(report.accepted()).isTrue();
      assertThat(report.breaking()).isEmpty();
      assertThat(report.changes())
          .isNotEmpty()
          .allSatisfy(change -> assertThat(change.impact()).isEqualTo(Impact.COMPATIBLE))
          .extracting(ProductChange::pointer)
          .contains(expectedPointer);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breakingChanges")
  void refusesABreakingChangeAtAMinorBump(
      String description, String expectedPointer, Edit[] edits) {
    CompatibilityReport report =
        Compatibility.check(PREVIOUS_PRODUCT, changed(CURRENT.nextMinor(), edits));

    assertThat(report.accepted()).isFalse();
    assertThat(report.breaking()).extracting(ProductChange::pointer).contains(expectedPointer);
    assertThat(report.violations())
        .extracting(Problem::pointer)
        .contains("/metadata/version", expectedPointer);
    assertThat(report.violations())
        .filteredOn(violation -> violation.pointer().equals("/metadata/version"))
        .singleElement()
        .extracting(Problem::message)
        .isEqualTo("breaking changes need a new major version: raise 1.4.2 to 2.0.0, not 1.5.0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breakingChanges")
  void acceptsABreakingChangeAtAMajorBump(
      String description, String expectedPointer, Edit[] edits) {
    CompatibilityReport report =
        Compatibility.check(PREVIOUS_PRODUCT, changed(CURRENT.nextMajor(), edits));

    assertThat(report.violations()).isEmpty();
    assertThat(report.breaking()).extracting(ProductChange::pointer).contains(expectedPointer);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"compatibleChanges", "breakingChanges"})
  void refusesAnyChangeAtTheSameVersion(String description, String expectedPointer, Edit[] edits) {
    CompatibilityReport report = Compatibility.check(PREVIOUS_PRODUCT, changed(CURRENT, edits));

    assertThat(report.accepted()).isFalse();
    assertThat(report.violations())
        .extracting(Problem::pointer)
        .first()
        .isEqualTo("/metadata/version");
    assertThat(report.violations().getFirst().message())
        .startsWith("the declaration changed but its version is still 1.4.2");
  }

  @Test
  void acceptsTheIdenticalDeclarationAtTheSameVersion() {
    CompatibilityReport report =
        Compatibility.check(PREVIOUS_PRODUCT, PARSER.parseDataProduct(PREVIOUS));

    assertThat(report.accepted()).isTrue();
    assertThat(report.unchanged()).isTrue();
  }

  @Test
  void acceptsAVersionBumpWithoutChanges() {
    CompatibilityReport report =
        Compatibility.check(PREVIOUS_PRODUCT, PREVIOUS_PRODUCT.withVersion(CURRENT.nextPatch()));

    assertThat(report.accepted()).isTrue();
    assertThat(report.changes()).isEmpty();
  }

  @Test
  void refusesALowerVersion() {
    CompatibilityReport report =
        Compatibility.check(
            PREVIOUS_PRODUCT,
            changed(new SemanticVersion(1, 3, 9), Edit.set("/metadata/title", "Older")));

    assertThat(report.violations())
        .containsExactly(
            new Problem(
                "/metadata/version",
                "version 1.3.9 is lower than the current version 1.4.2; versions only rise"));
  }

  @Test
  void refusesMovingAProductToAnotherDomain() {
    CompatibilityReport report =
        Compatibility.check(
            PREVIOUS_PRODUCT,
            changed(CURRENT.nextMajor(), Edit.set("/metadata/domain", "warehouse")));

    assertThat(report.violations())
        .extracting(Problem::pointer)
        .containsExactly("/metadata/domain");
  }

  @Test
  void explainsEachChangeInPlainEnglish() {
    CompatibilityReport report =
        Compatibility.check(
            PREVIOUS_PRODUCT,
            changed(
                CURRENT.nextMajor(),
                Edit.set("/spec/table/columns/2/type", "long"),
                Edit.set("/spec/table/columns/5/name", "remark")));

    assertThat(report.changes())
        .extracting(ProductChange::toString)
        .containsExactly(
            "BREAKING /spec/table/columns: column 'note' was dropped; consumers reading it break"
                + " (a rename is a drop and an add)",
            "COMPATIBLE /spec/table/columns/2/type: the type of 'item_count' was widened from int"
                + " to long",
            "COMPATIBLE /spec/table/columns/5: optional column 'remark' was added");
  }
}
