package io.tributary.policies.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.policies.grant.AccessEvaluator.Basis;
import io.tributary.policies.trino.DomainAccess;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessEvaluatorTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final ProductName ORDERS = ProductName.of("sales", "orders");
  private static final ProductColumns COLUMNS =
      ProductColumns.of(
          ORDERS,
          "order_id",
          "long",
          "region",
          "string",
          "email",
          "string",
          "amount",
          "decimal(12,2)");
  private static final DomainAccess SALES =
      new DomainAccess("sales", List.of("sales-owners"), List.of("sales-analysts"));

  private static Map<String, Object> row(long id, String region, String email, String amount) {
    Map<String, Object> row = new HashMap<>();
    row.put("order_id", id);
    row.put("region", region);
    row.put("email", email);
    row.put("amount", amount == null ? null : new BigDecimal(amount));
    return row;
  }

  private static final Map<String, Object> EU = row(1, "eu", "a@example.com", "10.00");
  private static final Map<String, Object> US = row(2, "us", "b@example.com", "250.00");

  private static AccessEvaluator evaluate(Caller caller, Grant... grants) {
    return AccessEvaluator.evaluate(caller, COLUMNS, SALES, List.of(grants), NOW);
  }

  @Test
  void domainOwnersAndMembersSeeEverythingWhateverTheGrants() {
    Grant narrow =
        Grant.to("group:sales-analysts", "sales.orders")
            .columns(ColumnSelection.include("order_id"))
            .rowFilter("region = 'eu'")
            .build();
    for (Caller caller :
        List.of(Caller.of("sam", "sales-owners"), Caller.of("ana", "sales-analysts"))) {
      AccessEvaluator access = evaluate(caller, narrow);
      assertThat(access.basis()).isEqualTo(Basis.DOMAIN);
      assertThat(access.visibleColumns()).containsExactly("order_id", "region", "email", "amount");
      assertThat(access.masks()).isEmpty();
      assertThat(access.apply(US)).contains(US);
    }
  }

  @Test
  void withoutAnApplicableGrantThereIsNoAccessAtAll() {
    Grant otherGroup = Grant.to("group:finance", "sales.orders").build();
    Grant otherProduct = Grant.to("group:marketing", "sales.returns").build();
    AccessEvaluator access = evaluate(Caller.of("mia", "marketing"), otherGroup, otherProduct);
    assertThat(access.hasAccess()).isFalse();
    assertThat(access.basis()).isEqualTo(Basis.NONE);
    assertThat(access.visibleColumns()).isEmpty();
    assertThat(access.apply(EU)).isEmpty();
  }

  @Test
  void aGrantShowsItsColumnsMaskedAndItsRows() {
    Grant grant =
        Grant.to("group:finance", "sales.orders")
            .columns(ColumnSelection.exclude("region"))
            .mask("email", Mask.HASH)
            .rowFilter("amount >= 100")
            .build();
    AccessEvaluator access = evaluate(Caller.of("fred", "finance"), grant);
    assertThat(access.basis()).isEqualTo(Basis.GRANTS);
    assertThat(access.applicableGrants()).containsExactly(grant);
    assertThat(access.visibleColumns()).containsExactly("order_id", "email", "amount");
    assertThat(access.maskOf("email")).contains(Mask.HASH);
    assertThat(access.apply(EU)).isEmpty();
    assertThat(access.apply(US))
        .contains(
            Map.of(
                "order_id",
                2L,
                "email",
                Mask.HASH.apply("b@example.com", "string"),
                "amount",
                new BigDecimal("250.00")));
  }

  @Test
  void userGrantsApplyToTheirUserOnly() {
    Grant grant = Grant.to("user:fred", "sales.orders").build();
    assertThat(evaluate(Caller.of("fred"), grant).hasAccess()).isTrue();
    assertThat(evaluate(Caller.of("frederic", "fred"), grant).hasAccess()).isFalse();
  }

  @Test
  void expiredGrantsAreIgnored() {
    Grant expired = Grant.to("group:finance", "sales.orders").expires(NOW).build();
    Grant current =
        Grant.to("user:fred", "sales.orders")
            .columns(ColumnSelection.include("order_id"))
            .expires(NOW.plusSeconds(1))
            .build();
    assertThat(evaluate(Caller.of("fred", "finance"), expired, current).visibleColumns())
        .containsExactly("order_id");
    assertThat(evaluate(Caller.of("fiona", "finance"), expired, current).hasAccess()).isFalse();
  }

  @Test
  void aColumnIsVisibleWhenAnyGrantShowsIt() {
    Grant ids =
        Grant.to("group:finance", "sales.orders")
            .columns(ColumnSelection.include("order_id"))
            .build();
    Grant amounts =
        Grant.to("user:fred", "sales.orders").columns(ColumnSelection.include("amount")).build();
    assertThat(evaluate(Caller.of("fred", "finance"), ids, amounts).visibleColumns())
        .containsExactly("order_id", "amount");
  }

  @Test
  void aColumnIsMaskedOnlyWhenEveryGrantShowingItMasksIt() {
    Grant masked = Grant.to("group:finance", "sales.orders").mask("email", Mask.NULL).build();
    Grant clear = Grant.to("group:audit", "sales.orders").build();
    Grant hiding =
        Grant.to("group:ops", "sales.orders").columns(ColumnSelection.exclude("email")).build();
    assertThat(evaluate(Caller.of("fred", "finance", "audit"), masked, clear).masks()).isEmpty();
    // A grant that does not show the column does not lift the other grant's mask.
    assertThat(evaluate(Caller.of("fred", "finance", "ops"), masked, hiding).masks())
        .containsExactly(Map.entry("email", Mask.NULL));
  }

  @Test
  void betweenMasksTheLeastRestrictiveWins() {
    Grant hashed = Grant.to("group:finance", "sales.orders").mask("email", Mask.HASH).build();
    Grant redacted =
        Grant.to("group:audit", "sales.orders")
            .mask("email", Mask.REDACT)
            .mask("region", Mask.REDACT)
            .build();
    Grant nulled =
        Grant.to("group:ops", "sales.orders")
            .mask("email", Mask.NULL)
            .mask("region", Mask.NULL)
            .build();
    AccessEvaluator access =
        evaluate(Caller.of("fred", "finance", "audit", "ops"), hashed, redacted, nulled);
    // region: the finance grant shows it as stored; email: every grant masks it, hash wins.
    assertThat(access.masks()).containsExactly(Map.entry("email", Mask.HASH));
    access = evaluate(Caller.of("fred", "audit", "ops"), hashed, redacted, nulled);
    assertThat(access.masks())
        .containsExactly(Map.entry("region", Mask.REDACT), Map.entry("email", Mask.REDACT));
    assertThat(access.apply(EU).orElseThrow())
        .containsEntry("region", "***")
        .containsEntry("email", "***");
  }

  @Test
  void aRowIsVisibleWhenAnyGrantLetsItThrough() {
    Grant eu = Grant.to("group:finance", "sales.orders").rowFilter("region = 'eu'").build();
    Grant big = Grant.to("group:audit", "sales.orders").rowFilter("amount > 100").build();
    Grant all = Grant.to("group:ops", "sales.orders").build();
    AccessEvaluator euOnly = evaluate(Caller.of("fred", "finance"), eu, big, all);
    assertThat(euOnly.passes(EU)).isTrue();
    assertThat(euOnly.passes(US)).isFalse();
    AccessEvaluator both = evaluate(Caller.of("fred", "finance", "audit"), eu, big, all);
    assertThat(both.passes(EU)).isTrue();
    assertThat(both.passes(US)).isTrue();
    assertThat(both.passes(row(3, "us", null, "5.00"))).isFalse();
    // A NULL makes a filter unknown, which does not let the row through; another grant still may.
    assertThat(both.passes(row(4, null, null, null))).isFalse();
    AccessEvaluator unfiltered = evaluate(Caller.of("fred", "finance", "ops"), eu, big, all);
    assertThat(unfiltered.passes(row(4, null, null, null))).isTrue();
  }

  @Test
  void rowFiltersReadTheStoredValuesOfHiddenAndMaskedColumns() {
    Grant grant =
        Grant.to("group:finance", "sales.orders")
            .columns(ColumnSelection.exclude("region"))
            .mask("email", Mask.REDACT)
            .rowFilter("region = 'eu' AND email LIKE 'a%'")
            .build();
    assertThat(evaluate(Caller.of("fred", "finance"), grant).apply(EU))
        .contains(Map.of("order_id", 1L, "email", "***", "amount", new BigDecimal("10.00")));
  }

  @Test
  void applyKeepsTableOrderAndRefusesARowMissingAVisibleColumn() {
    Grant grant = Grant.to("group:finance", "sales.orders").build();
    AccessEvaluator access = evaluate(Caller.of("fred", "finance"), grant);
    assertThat(access.apply(EU).orElseThrow().keySet())
        .containsExactly("order_id", "region", "email", "amount");
    assertThatThrownBy(() -> access.apply(Map.of("order_id", 1L)))
        .hasMessage("the row has no column 'region'");
  }

  @Test
  void theDomainMustBeTheProductsDomain() {
    assertThatThrownBy(
            () ->
                AccessEvaluator.evaluate(
                    Caller.of("fred"),
                    COLUMNS,
                    new DomainAccess("marketing", List.of(), List.of()),
                    List.of(),
                    NOW))
        .hasMessage("sales.orders belongs to domain sales, not marketing");
  }
}
