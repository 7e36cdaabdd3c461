package io.tributary.policies.lakeformation;

import static io.tributary.policies.lakeformation.Products.compile;
import static io.tributary.policies.lakeformation.Products.orders;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LakeFormationDiffTest {
  private static final TableResource ORDERS =
      new TableResource(Products.ACCOUNT, "sales", "orders");

  @Test
  void nothingHeldMeansEverythingIsGrantedAndThenNothingIsLeft() {
    LakeFormationPlan plan =
        compile(
            orders(
                GrantInput.of("group:finance", ColumnSelection.all()),
                GrantInput.of("group:auditors", ColumnSelection.all())
                    .withRowFilter("region = 'eu'")));

    LakeFormationDiff first = LakeFormationDiff.between(List.of(), plan.grants());

    assertThat(first.grants()).isEqualTo(plan.grants());
    assertThat(first.revokes()).isEmpty();
    assertThat(LakeFormationDiff.between(first.grants(), plan.grants()).isEmpty()).isTrue();
  }

  @Test
  void idsAndColumnOrderDoNotMatter() {
    LakeFormationPermission desired =
        LakeFormationPermission.select(
            "sales.orders.group:finance",
            "arn:aws:iam::123456789012:role/finance",
            new PermissionResource.TableColumns(ORDERS, ColumnSpec.only(List.of("b", "a"))));
    LakeFormationPermission held =
        LakeFormationPermission.select(
            "lf.whatever",
            "arn:aws:iam::123456789012:role/finance",
            new PermissionResource.TableColumns(ORDERS, ColumnSpec.only(List.of("a", "b"))));

    assertThat(LakeFormationDiff.between(List.of(held), List.of(desired)).isEmpty()).isTrue();
  }

  @Test
  void anExpiredGrantIsRevoked() {
    LakeFormationPlan before =
        compile(
            orders(
                GrantInput.of("user:contractor", ColumnSelection.include("order_id"))
                    .withExpiry(Products.NOW.plusSeconds(60))));
    LakeFormationPlan after =
        new LakeFormationCompiler(
                Products.ACCOUNT,
                Products.PRINCIPALS,
                java.time.Clock.fixed(Products.NOW.plusSeconds(60), java.time.ZoneOffset.UTC))
            .compile(
                List.of(
                    orders(
                        GrantInput.of("user:contractor", ColumnSelection.include("order_id"))
                            .withExpiry(Products.NOW.plusSeconds(60)))));

    LakeFormationDiff diff = LakeFormationDiff.between(before.grants(), after.grants());

    assertThat(diff.grants()).isEmpty();
    assertThat(diff.revokes())
        .singleElement()
        .satisfies(
            revoke -> {
              assertThat(revoke.principal()).isEqualTo("arn:aws:iam::123456789012:role/contractor");
              assertThat(revoke.id()).matches("lf\\.[0-9a-f]{24}");
            });
    assertThat(diff.batchRevokePermissionsRequests()).hasSize(1);
  }

  @Test
  void extraPermissionsOnAKeptResourceAreRevokedAlone() {
    PermissionResource resource =
        new PermissionResource.TableColumns(ORDERS, ColumnSpec.allExcept(List.of()));
    LakeFormationPermission held =
        new LakeFormationPermission(
            "",
            "arn:aws:iam::123456789012:role/finance",
            resource,
            List.of("SELECT", "INSERT"),
            List.of("SELECT"));
    LakeFormationPermission desired =
        LakeFormationPermission.select("id", "arn:aws:iam::123456789012:role/finance", resource);

    LakeFormationDiff diff = LakeFormationDiff.between(List.of(held), List.of(desired));

    assertThat(diff.grants()).isEmpty();
    assertThat(diff.revokes())
        .singleElement()
        .satisfies(
            revoke -> {
              assertThat(revoke.permissions()).containsExactly("INSERT");
              assertThat(revoke.permissionsWithGrantOption()).containsExactly("SELECT");
            });
  }

  @Test
  void fortyFiveRevokesGoOutInBatchesOfTwentyTwentyAndFive() {
    List<LakeFormationPermission> held = new ArrayList<>();
    for (int index = 0; index < 45; index++) {
      held.add(
          LakeFormationPermission.select(
              "",
              "arn:aws:iam::123456789012:role/team" + index,
              new PermissionResource.TableColumns(ORDERS, ColumnSpec.only(List.of("order_id")))));
    }

    LakeFormationDiff diff = LakeFormationDiff.between(held, List.of());

    assertThat(diff.batchRevokePermissionsRequests())
        .extracting(request -> request.get("Entries").size())
        .containsExactly(20, 20, 5);
    List<String> ids = new ArrayList<>();
    diff.batchRevokePermissionsRequests()
        .forEach(
            request -> request.get("Entries").forEach(entry -> ids.add(entry.get("Id").asText())));
    assertThat(ids).doesNotHaveDuplicates().hasSize(45);
  }

  @Test
  void listedPermissionsAreReadAsTheCompilerWritesThem() {
    JsonNode listed = Golden.read("revoke-diff-current.json").get("PrincipalResourcePermissions");

    assertThat(LakeFormationDiff.readPermission(listed.get(1)))
        .get()
        .extracting(LakeFormationPermission::resource)
        .isEqualTo(new PermissionResource.TableColumns(ORDERS, ColumnSpec.allExcept(List.of())));
    assertThat(LakeFormationDiff.readPermission(listed.get(3)))
        .get()
        .extracting(LakeFormationPermission::resource)
        .isEqualTo(
            new PermissionResource.DataCellsFilterResource(
                ORDERS, "tributary_0123456789abcdef01234567"));
    assertThat(LakeFormationDiff.readPermission(listed.get(4))).isEmpty();
  }

  @Test
  void theCompilersOwnBatchEntriesReadBackEqual() {
    LakeFormationPlan plan =
        compile(
            orders(
                GrantInput.of("group:finance", ColumnSelection.exclude("card_token")),
                GrantInput.of("group:auditors", ColumnSelection.all())
                    .withRowFilter("amount > 1")));
    List<LakeFormationPermission> readBack = new ArrayList<>();
    plan.batchGrantPermissionsRequests()
        .forEach(
            request ->
                request
                    .get("Entries")
                    .forEach(
                        entry -> LakeFormationDiff.readPermission(entry).ifPresent(readBack::add)));

    assertThat(readBack).hasSize(2);
    assertThat(LakeFormationDiff.between(readBack, plan.grants()).isEmpty()).isTrue();
  }

  @Test
  void onlyThePlatformsStaleFiltersOnThePlansTablesAreDeleted() {
    LakeFormationPlan plan =
        compile(
            orders(
                GrantInput.of("group:auditors", ColumnSelection.all())
                    .withRowFilter("region = 'eu'")));
    DataCellsFilter wanted = plan.dataCellsFilters().getFirst();
    var stale =
        new PermissionResource.DataCellsFilterResource(
            ORDERS, "tributary_000000000000000000000000");
    var handMade = new PermissionResource.DataCellsFilterResource(ORDERS, "finance_eu_only");
    var elsewhere =
        new PermissionResource.DataCellsFilterResource(
            new TableResource(Products.ACCOUNT, "hr", "people"),
            "tributary_111111111111111111111111");

    LakeFormationDiff.FilterChanges changes =
        LakeFormationDiff.dataCellsFilters(List.of(stale, handMade, elsewhere), plan);

    assertThat(changes.create()).containsExactly(wanted);
    assertThat(changes.delete()).containsExactly(stale);
    assertThat(changes.deleteDataCellsFilterRequests().getFirst().get("Name").asText())
        .isEqualTo("tributary_000000000000000000000000");
    assertThat(LakeFormationDiff.dataCellsFilters(List.of(wanted.resource()), plan).create())
        .isEmpty();
  }
}
