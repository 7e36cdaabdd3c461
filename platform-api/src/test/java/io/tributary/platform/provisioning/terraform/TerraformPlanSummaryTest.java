package io.tributary.platform.provisioning.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary of {@code terraform show -json}, counted the way terraform counts its plan. */
class TerraformPlanSummaryTest {

  @Test
  void countsAddsChangesDestroysAndReplacementsAndLeavesOutNoOps() {
    String plan =
        """
        {"format_version": "1.2", "resource_changes": [
          {"address": "terraform_data.domain", "change": {"actions": ["no-op"]}},
          {"address": "terraform_data.product[\\"orders\\"]", "change": {"actions": ["create"]}},
          {"address": "terraform_data.lf_tag[\\"zone\\"]", "change": {"actions": ["update"]}},
          {"address": "terraform_data.product[\\"old\\"]", "change": {"actions": ["delete"]}},
          {"address": "terraform_data.data_cells_filter[\\"f\\"]",
           "change": {"actions": ["delete", "create"]}},
          {"address": "data.terraform_remote_state.platform", "change": {"actions": ["read"]}}
        ]}
        """;

    TerraformPlanSummary summary = TerraformPlanSummary.parse(1, plan);

    assertThat(summary.phase()).isEqualTo(1);
    assertThat(List.of(summary.add(), summary.change(), summary.destroy()))
        .containsExactly(2, 1, 2);
    assertThat(summary.resourceChanges())
        .extracting(TerraformPlanSummary.ResourceChange::address)
        .containsExactly(
            "terraform_data.product[\"orders\"]",
            "terraform_data.lf_tag[\"zone\"]",
            "terraform_data.product[\"old\"]",
            "terraform_data.data_cells_filter[\"f\"]");
    assertThat(summary.resourceChanges().get(3).actions()).containsExactly("delete", "create");
    assertThat(summary.empty()).isFalse();
  }

  @Test
  void aPlanWithoutChangesIsEmpty() {
    assertThat(TerraformPlanSummary.parse(2, "{\"format_version\": \"1.2\"}").empty()).isTrue();
  }

  @Test
  void somethingElseIsRefusedClearly() {
    assertThatThrownBy(() -> TerraformPlanSummary.parse(1, "Error: no plan file"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("terraform show -json printed no JSON plan");
  }
}
