package io.tributary.policies.lakeformation;

import static io.tributary.policies.lakeformation.Products.compile;
import static io.tributary.policies.lakeformation.Products.orders;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each scenario's plan, diff or Terraform variables against its golden file. */
class LakeFormationGoldenTest {

  @Test
  void includeListBecomesColumnNames() {
    LakeFormationPlan plan =
        compile(
            orders(
                GrantInput.of(
                        "group:sales-analysts",
                        ColumnSelection.include("order_id", "region", "amount"))
                    .withPurpose("weekly revenue report")));

    Golden.assertMatches("include-list.json", plan.toJson());
  }

  @Test
  void excludeListBecomesAColumnWildcardWithExclusions() {
    LakeFormationPlan plan =
        compile(
            orders(
                GrantInput.of(
                    "group:finance", ColumnSelection.exclude("customer_email", "customer_phone"))));

    Golden.assertMatches("exclude-list.json", plan.toJson());
  }

  @Test
  void maskedColumnsBecomeExcludedColumnsWithANote() {
    LakeFormationPlan plan =
        compile(
            orders(
                GrantInput.of("group:finance", ColumnSelection.all())
                    .withMasks(Map.of("customer_email", Mask.HASH, "card_token", Mask.REDACT)),
                GrantInput.of(
                        "group:sales-analysts",
                        ColumnSelection.include("order_id", "customer_phone"))
                    .withMasks(Map.of("customer_phone", Mask.NULL))));

    Golden.assertMatches("masked-column.json", plan.toJson());
    assertThat(plan.maskedColumnsExcluded())
        .containsExactly(
            new LakeFormationNote.MaskedColumnExcluded(
                "sales.orders", "group:finance", "card_token", Mask.REDACT),
            new LakeFormationNote.MaskedColumnExcluded(
                "sales.orders", "group:finance", "customer_email", Mask.HASH),
            new LakeFormationNote.MaskedColumnExcluded(
                "sales.orders", "group:sales-analysts", "customer_phone", Mask.NULL));
  }

  @Test
  void rowFilterBecomesADataCellsFilter() {
    LakeFormationPlan plan =
        compile(
            orders(
                GrantInput.of("group:auditors", ColumnSelection.exclude("card_token"))
                    .withRowFilter("region in ('eu', 'uk') and amount >= 100")));

    Golden.assertMatches("row-filter.json", plan.toJson());
  }

  @Test
  void fortyFiveGrantsGoOutInBatchesOfTwentyTwentyAndFive() {
    Map<String, String> principals = new HashMap<>();
    List<GrantInput> grants = new ArrayList<>();
    for (int index = 1; index <= 45; index++) {
      String principal = "group:team%02d".formatted(index);
      principals.put(principal, "arn:aws:iam::123456789012:role/team%02d".formatted(index));
      grants.add(
          index % 3 == 0
              ? GrantInput.of(principal, ColumnSelection.include("order_id", "amount"))
              : GrantInput.of(principal, ColumnSelection.exclude("card_token")));
    }
    LakeFormationPlan plan =
        new LakeFormationCompiler(Products.ACCOUNT, principals, Products.CLOCK)
            .compile(List.of(orders(grants.toArray(GrantInput[]::new))));

    List<ObjectNode> batches = plan.batchGrantPermissionsRequests();
    assertThat(batches).extracting(batch -> batch.get("Entries").size()).containsExactly(20, 20, 5);
    ArrayNode golden = Golden.JSON.createArrayNode().addAll(batches);
    Golden.assertMatches("batches-45-grants.json", golden);
  }

  @Test
  void narrowedAndExpiredGrantsAreRevokedAndTheDiffSettles() {
    JsonNode listed = Golden.read("revoke-diff-current.json");
    List<LakeFormationPermission> current = new ArrayList<>();
    listed
        .get("PrincipalResourcePermissions")
        .forEach(item -> LakeFormationDiff.readPermission(item).ifPresent(current::add));
    assertThat(current).hasSize(4);

    LakeFormationPlan plan =
        compile(
            orders(
                GrantInput.of(
                    "group:sales-analysts",
                    ColumnSelection.include("order_id", "region", "amount")),
                GrantInput.of("group:finance", ColumnSelection.all()),
                GrantInput.of("user:contractor", ColumnSelection.include("order_id"))
                    .withExpiry(Products.NOW.minus(Duration.ofHours(1)))));
    LakeFormationDiff diff = LakeFormationDiff.between(current, plan.grants());

    Golden.assertMatches("revoke-diff.json", diff.toJson());
    assertThat(plan.notes())
        .containsExactly(
            new LakeFormationNote.ExpiredGrantOmitted(
                "sales.orders", "user:contractor", Products.NOW.minus(Duration.ofHours(1))));

    List<LakeFormationPermission> applied = new ArrayList<>(current);
    applied.removeIf(
        held ->
            diff.revokes().stream()
                .anyMatch(
                    revoke ->
                        revoke.principal().equals(held.principal())
                            && revoke.resource().equals(held.resource())));
    applied.addAll(diff.grants());
    assertThat(LakeFormationDiff.between(applied, plan.grants()).isEmpty()).isTrue();
  }

  @Test
  void terraformVariablesCarryTheSameContent() {
    LakeFormationPlan plan =
        compile(
            orders(
                GrantInput.of(
                    "group:sales-analysts",
                    ColumnSelection.include("order_id", "region", "amount")),
                GrantInput.of("group:finance", ColumnSelection.all())
                    .withMasks(Map.of("card_token", Mask.REDACT)),
                GrantInput.of("group:auditors", ColumnSelection.all())
                    .withRowFilter("region = 'eu'")));

    Golden.assertMatches("tfvars.json", plan.toTerraformVariables());
  }
}
