package io.tributary.policies.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GrantModelTest {
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
          "decimal(12,2)",
          "placed_at",
          "timestamptz");

  @Test
  void principalsReadAsGroupOrUser() {
    assertThat(Principal.parse("group:finance")).isEqualTo(Principal.group("finance"));
    assertThat(Principal.parse("user:alice@example.com"))
        .isEqualTo(new Principal(Principal.Kind.USER, "alice@example.com"));
    assertThat(Principal.parse("group:sales.owners")).hasToString("group:sales.owners");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          finance           | 'finance' is not a principal: expected group:NAME or user:NAME
          role:finance      | 'role:finance' is not a principal: expected group:NAME or user:NAME
          Group:finance     | 'Group:finance' is not a principal: expected group:NAME or user:NAME
          group:            | 'group:' is not a principal: '' is not a valid group name
          user:-alice       | 'user:-alice' is not a principal: '-alice' is not a valid user name
          group:a b         | 'group:a b' is not a principal: 'a b' is not a valid group name
          """)
  void badPrincipalsAreRefusedSayingWhy(String text, String message) {
    assertThatThrownBy(() -> Principal.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void principalsIncludeTheirUserOrTheirGroupsMembers() {
    Caller ana = Caller.of("ana", "analysts", "finance");
    assertThat(Principal.user("ana").includes(ana)).isTrue();
    assertThat(Principal.group("finance").includes(ana)).isTrue();
    assertThat(Principal.user("analysts").includes(ana)).isFalse();
    assertThat(Principal.group("ana").includes(ana)).isFalse();
  }

  @Test
  void masksReadByTheirDeclaredNames() {
    assertThat(Mask.parse("redact")).isEqualTo(Mask.REDACT);
    assertThat(Mask.parse("hash")).isEqualTo(Mask.HASH);
    assertThat(Mask.parse("null")).isEqualTo(Mask.NULL);
    assertThat(Mask.NULL.declaredName()).isEqualTo("null");
    assertThatThrownBy(() -> Mask.parse("HASH"))
        .hasMessage("'HASH' is not a mask: expected redact, hash or null");
  }

  @Test
  void theLeastRestrictiveMaskIsHashThenRedactThenNull() {
    assertThat(Mask.leastRestrictive(Mask.NULL, Mask.HASH)).isEqualTo(Mask.HASH);
    assertThat(Mask.leastRestrictive(Mask.REDACT, Mask.HASH)).isEqualTo(Mask.HASH);
    assertThat(Mask.leastRestrictive(Mask.REDACT, Mask.NULL)).isEqualTo(Mask.REDACT);
    assertThat(Mask.leastRestrictive(Mask.NULL, Mask.NULL)).isEqualTo(Mask.NULL);
  }

  @Test
  void masksKeepTheColumnsTypeAndOnlyStringsKeepAnything() {
    // sha256("abc"), the FIPS 180-2 test vector.
    assertThat(Mask.HASH.apply("abc", "string"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Mask.HASH.apply(null, "string")).isNull();
    assertThat(Mask.REDACT.apply("secret", "string")).isEqualTo("***");
    assertThat(Mask.REDACT.apply(null, "string")).isEqualTo("***");
    assertThat(Mask.NULL.apply("secret", "string")).isNull();
    assertThat(Mask.HASH.apply(42L, "long")).isNull();
    assertThat(Mask.REDACT.apply(42L, "long")).isNull();
    assertThatThrownBy(() -> Mask.HASH.apply(42L, "string"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void columnSelectionsShowAllIncludedOrNotExcludedColumns() {
    assertThat(ColumnSelection.all().shows("anything")).isTrue();
    assertThat(ColumnSelection.include("a", "b").shows("b")).isTrue();
    assertThat(ColumnSelection.include("a", "b").shows("c")).isFalse();
    assertThat(ColumnSelection.exclude("a").shows("a")).isFalse();
    assertThat(ColumnSelection.exclude("a").shows("c")).isTrue();
    assertThat(ColumnSelection.exclude().shows("c")).isTrue();
    assertThatThrownBy(ColumnSelection::include)
        .hasMessage("an include list needs at least one column");
    assertThatThrownBy(() -> ColumnSelection.exclude("a", "a"))
        .hasMessage("column 'a' appears twice in the exclude list");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"sales", "sales.", ".orders", "Sales.orders", "sales.orders.x", "s.orders"})
  void badProductNamesAreRefused(String text) {
    assertThatThrownBy(() -> ProductName.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void productNamesReadAsDomainDotProduct() {
    assertThat(ProductName.parse("sales.orders")).isEqualTo(ORDERS);
    assertThat(ORDERS).hasToString("sales.orders");
  }

  @Test
  void productColumnsRefuseDuplicatesAndKnowTheirTypes() {
    assertThat(COLUMNS.names())
        .containsExactly("order_id", "region", "email", "amount", "placed_at");
    assertThat(COLUMNS.type("amount")).contains("decimal(12,2)");
    assertThat(COLUMNS.type("missing")).isEmpty();
    assertThatThrownBy(() -> ProductColumns.of(ORDERS, "a", "long", "a", "string"))
        .hasMessage("column 'a' appears twice in sales.orders");
  }

  @Test
  void grantsDefaultToEveryColumnAndRowDeclaredAndNeverExpiring() {
    Grant grant = Grant.to("group:finance", "sales.orders").build();
    assertThat(grant.principal()).isEqualTo(Principal.group("finance"));
    assertThat(grant.columns()).isEqualTo(ColumnSelection.all());
    assertThat(grant.masks()).isEmpty();
    assertThat(grant.rowFilter()).isEmpty();
    assertThat(grant.expires()).isEmpty();
    assertThat(grant.source()).isEqualTo(GrantSource.declared());
    assertThat(grant.isActiveAt(Instant.MAX)).isTrue();
  }

  @Test
  void aGrantExpiresAtItsExpiryInstantExactly() {
    Instant expiry = Instant.parse("2027-01-01T00:00:00Z");
    Grant grant =
        Grant.to("user:ana", "sales.orders")
            .expires(expiry)
            .source(GrantSource.accessRequest("req-42"))
            .purpose("quarterly report")
            .build();
    assertThat(grant.isActiveAt(expiry.minusNanos(1))).isTrue();
    assertThat(grant.isActiveAt(expiry)).isFalse();
    assertThat(grant.source()).hasToString("access-request:req-42");
    assertThat(grant.purpose()).contains("quarterly report");
  }

  @Test
  void aGrantMasksOnlyColumnsItShows() {
    Grant grant =
        Grant.to("group:finance", "sales.orders")
            .columns(ColumnSelection.exclude("region"))
            .mask("region", Mask.HASH)
            .mask("email", Mask.REDACT)
            .build();
    assertThat(grant.maskOf("email")).contains(Mask.REDACT);
    assertThat(grant.maskOf("region")).isEmpty();
    assertThat(grant.maskOf("amount")).isEmpty();
  }

  @Test
  void checkListsEveryProblemWithApplyingAGrantToTheProduct() {
    Grant grant =
        Grant.to("group:finance", "sales.orders")
            .columns(ColumnSelection.include("order_id", "customer"))
            .mask("phone", Mask.NULL)
            .mask("order_id", Mask.HASH)
            .rowFilter("region = 1 AND country = 'FR'")
            .build();
    assertThat(grant.check(COLUMNS))
        .containsExactly(
            "columns.include: unknown column 'customer'",
            "masks: unknown column 'phone'",
            "masks: hash applies to string columns only, and column 'order_id' is long;"
                + " use null or redact",
            "rowFilter: position 10: column 'region' is STRING and cannot be compared with the"
                + " integer 1",
            "rowFilter: position 16: unknown column 'country'");
    assertThatThrownBy(() -> grant.requireValid(COLUMNS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("grant to group:finance on sales.orders: columns.include");
    assertThat(
            Grant.to("group:finance", "sales.orders")
                .mask("email", Mask.HASH)
                .rowFilter("region = 'eu'")
                .build()
                .check(COLUMNS))
        .isEmpty();
    assertThat(Grant.to("group:finance", "sales.other").build().check(COLUMNS))
        .containsExactly("the grant is on sales.other, not on sales.orders");
  }

  @Test
  void theNextExpiryIsTheEarliestStillToCome() {
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    Grant past = Grant.to("user:a1", "sales.orders").expires(now.minusSeconds(1)).build();
    Grant soon = Grant.to("user:a2", "sales.orders").expires(now.plusSeconds(60)).build();
    Grant later = Grant.to("user:a3", "sales.orders").expires(now.plusSeconds(600)).build();
    Grant never = Grant.to("user:a4", "sales.orders").build();
    assertThat(Grant.nextExpiry(java.util.List.of(past, later, soon, never), now))
        .contains(now.plusSeconds(60));
    assertThat(Grant.nextExpiry(java.util.List.of(past, never), now)).isEqualTo(Optional.empty());
  }
}
