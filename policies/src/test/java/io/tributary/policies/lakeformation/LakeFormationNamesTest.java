package io.tributary.policies.lakeformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LakeFormationNamesTest {
  private static final ColumnSpec ALL = ColumnSpec.allExcept(List.of());

  @Test
  void dataCellsFilterNamesAreShortValidAndDeterministic() {
    String name = LakeFormationNames.dataCellsFilter("group:auditors", "\"region\" = 'eu'", ALL);

    assertThat(name)
        .matches("tributary_[0-9a-f]{24}")
        .hasSizeLessThanOrEqualTo(LakeFormationNames.MAX_NAME_LENGTH)
        .isEqualTo(LakeFormationNames.dataCellsFilter("group:auditors", "\"region\" = 'eu'", ALL));
  }

  @Test
  void dataCellsFilterNamesChangeWithPrincipalFilterOrColumns() {
    String name = LakeFormationNames.dataCellsFilter("group:auditors", "\"region\" = 'eu'", ALL);

    assertThat(
            List.of(
                LakeFormationNames.dataCellsFilter("group:finance", "\"region\" = 'eu'", ALL),
                LakeFormationNames.dataCellsFilter("group:auditors", "\"region\" = 'uk'", ALL),
                LakeFormationNames.dataCellsFilter(
                    "group:auditors", "\"region\" = 'eu'", ColumnSpec.allExcept(List.of("a"))),
                LakeFormationNames.dataCellsFilter(
                    "group:auditors", "\"region\" = 'eu'", ColumnSpec.only(List.of("a")))))
        .doesNotContain(name)
        .doesNotHaveDuplicates();
  }

  @Test
  void entryIdsNameTheGrant() {
    assertThat(LakeFormationNames.entryId("sales", "orders", "group:sales-analysts"))
        .isEqualTo("sales.orders.group:sales-analysts");
  }

  @Test
  void longEntryIdsAreCutToTwoHundredFiftyFiveAndStayUnique() {
    String longName = "group:" + "x".repeat(300);
    String id = LakeFormationNames.entryId("sales", "orders", longName);
    String other = LakeFormationNames.entryId("sales", "orders", longName + "y");

    assertThat(id)
        .hasSize(LakeFormationNames.MAX_ENTRY_ID_LENGTH)
        .startsWith("sales.orders.group:xxx");
    assertThat(id).matches(".*~[0-9a-f]{24}");
    assertThat(other).hasSize(255).isNotEqualTo(id);
  }

  @Test
  void entryIdsWithCharactersOutsideTheSingleLinePatternAreCleaned() {
    String id = LakeFormationNames.entryId("sales", "orders", "user:line\nbreak");

    assertThat(id).doesNotContain("\n").startsWith("sales.orders.user:line_break~");
  }

  @Test
  void limitsAreTheDocumentedOnes() {
    assertThat(LakeFormationNames.MAX_BATCH_ENTRIES).isEqualTo(20);
    assertThat(LakeFormationNames.MAX_FILTER_EXPRESSION_LENGTH).isEqualTo(2047);
    assertThat(LakeFormationNames.MAX_TAG_VALUES_PER_CALL).isEqualTo(50);
    assertThat(LakeFormationNames.MAX_TAG_KEY_LENGTH).isEqualTo(128);
    assertThat(LakeFormationNames.MAX_TAG_VALUE_LENGTH).isEqualTo(256);
  }

  @Test
  void tagValuesFollowTheLfTagPattern() {
    assertThat(LakeFormationNames.isTagValue("pii")).isTrue();
    assertThat(LakeFormationNames.isTagValue("pii:high/eu")).isTrue();
    assertThat(LakeFormationNames.isTagValue("")).isFalse();
    assertThat(LakeFormationNames.isTagValue("a,b")).isFalse();
    assertThat(LakeFormationNames.isTagValue("x".repeat(257))).isFalse();
  }

  @Test
  void principalsAndArns() {
    assertThat(LakeFormationNames.isPlatformPrincipal("group:sales-analysts")).isTrue();
    assertThat(LakeFormationNames.isPlatformPrincipal("user:ana@example.com")).isTrue();
    assertThat(LakeFormationNames.isPlatformPrincipal("role:x")).isFalse();
    assertThat(LakeFormationNames.isPlatformPrincipal("group:")).isFalse();
    assertThat(LakeFormationNames.isPrincipalArn("arn:aws:iam::123456789012:role/x")).isTrue();
    assertThat(LakeFormationNames.isPrincipalArn("sales-analysts")).isFalse();
  }
}
