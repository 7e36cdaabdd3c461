package io.tributary.policies.lakeformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.policies.grant.ColumnSelection;
import io.tributary.policies.grant.Grant;
import io.tributary.policies.grant.Mask;
import io.tributary.policies.grant.ProductColumns;
import io.tributary.policies.grant.ProductName;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The platform's grants reach the Lake Formation compiler unchanged in meaning. */
class LakeFormationInputsTest {
  private static final ProductColumns PROFILES =
      ProductColumns.of(
          ProductName.of("customers", "profiles"),
          "customer_id",
          "long",
          "email",
          "string",
          "phone",
          "string",
          "country",
          "string");

  @Test
  void maskedColumnBecomesAnExclusionWithItsNoteAndTheFilterADataCellsFilter() {
    Grant grant =
        Grant.to("group:sales-analysts", "customers.profiles")
            .columns(ColumnSelection.exclude("phone"))
            .mask("email", Mask.HASH)
            .rowFilter("country = 'DE'")
            .build();
    Grant elsewhere = Grant.to("group:finance", "sales.orders").build();
    ProductInput input =
        LakeFormationInputs.product(
            PROFILES, "curated", Map.of("email", "pii"), List.of(), List.of(grant, elsewhere));

    assertThat(input.grants())
        .singleElement()
        .satisfies(
            converted -> {
              assertThat(converted.principal()).isEqualTo("group:sales-analysts");
              assertThat(converted.masks())
                  .containsEntry("email", io.tributary.policies.lakeformation.Mask.HASH);
              assertThat(converted.rowFilter()).isEqualTo("\"country\" = 'DE'");
            });
    assertThat(input.columns())
        .extracting(ColumnInput::classification)
        .containsExactly(null, "pii", null, null);

    LakeFormationPlan plan =
        new LakeFormationCompiler(
                "123456789012",
                Map.of("group:sales-analysts", "arn:aws:iam::123456789012:role/sales-analysts"),
                Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC))
            .compile(List.of(input));
    assertThat(plan.maskedColumnsExcluded())
        .singleElement()
        .satisfies(note -> assertThat(note.toString()).contains("email"));
    // A filtered grant is a grant on its data cells filter, which carries the columns: the
    // excluded one and the masked one are both left out there.
    assertThat(plan.createDataCellsFilterRequests())
        .singleElement()
        .satisfies(
            request ->
                assertThat(request.toString())
                    .contains("ExcludedColumnNames")
                    .contains("email")
                    .contains("phone")
                    .contains("\\\"country\\\" = 'DE'"));
    assertThat(plan.batchGrantPermissionsRequests().toString())
        .contains("DataCellsFilter")
        .doesNotContain("orders");
  }
}
