package io.tributary.policies.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.policies.grant.ColumnSelection;
import io.tributary.policies.grant.Grant;
import io.tributary.policies.grant.Mask;
import io.tributary.policies.grant.ProductColumns;
import io.tributary.policies.grant.ProductName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrinoGrantRulesTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final ProductColumns ORDERS =
      ProductColumns.of(ProductName.of("sales", "orders"), "order_id", "long", "email", "string");
  private static final List<DomainAccess> DOMAINS =
      List.of(new DomainAccess("sales", List.of("sales-owners"), List.of()));
  private final TrinoAccessControl control =
      new TrinoAccessControl("lakehouse", "tributary", "platform-admins");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          boolean                            | boolean
          int                                | integer
          long                               | bigint
          float                              | real
          double                             | double
          decimal(12,2)                      | decimal(12,2)
          date                               | date
          time                               | time(6)
          timestamp                          | timestamp(6)
          timestamptz                        | timestamp(6) with time zone
          string                             | varchar
          uuid                               | uuid
          binary                             | varbinary
          fixed[16]                          | varbinary
          list<string>                       | array(varchar)
          map<string,list<long>>             | map(varchar, array(bigint))
          struct<name:string,tags:list<int>> | row("name" varchar, "tags" array(integer))
          """)
  void icebergTypesReadAsTrinoTypes(String iceberg, String trino) {
    assertThat(TrinoTypes.ofIcebergType(iceberg)).isEqualTo(trino);
  }

  @Test
  void unknownTypesAreRefused() {
    assertThatThrownBy(() -> TrinoTypes.ofIcebergType("varchar"))
        .hasMessageStartingWith("'varchar' is not an Iceberg type");
    assertThatThrownBy(() -> TrinoTypes.ofIcebergType("list<string"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          HASH   | email    | string        | lower(to_hex(sha256(to_utf8("email"))))
          HASH   | Odd"Name | string        | lower(to_hex(sha256(to_utf8("Odd""Name"))))
          REDACT | email    | string        | '***'
          NULL   | email    | string        | CAST(NULL AS varchar)
          HASH   | order_id | long          | CAST(NULL AS bigint)
          REDACT | amount   | decimal(12,2) | CAST(NULL AS decimal(12,2))
          NULL   | at       | timestamptz   | CAST(NULL AS timestamp(6) with time zone)
          """)
  void masksAreSqlOfTheColumnsType(Mask mask, String column, String type, String sql) {
    assertThat(TrinoMasks.expression(mask, column, type)).isEqualTo(sql);
  }

  @Test
  void withoutGrantsTheRulesAreTheDomainRules() {
    assertThat(control.compile(DOMAINS, List.of(ORDERS), List.of(), Map.of(), NOW))
        .isEqualTo(control.compile(DOMAINS));
  }

  @Test
  void expiredGrantsLeaveNoRule() {
    Grant expired = Grant.to("group:finance", "sales.orders").expires(NOW).build();
    assertThat(
            control.compile(
                DOMAINS, List.of(ORDERS), List.of(expired), Map.of("fred", Set.of("finance")), NOW))
        .isEqualTo(control.compile(DOMAINS));
  }

  @Test
  void namesAreMatchedLiterallyAndOddGroupNamesInTheMembershipDoNotBreakCompilation() {
    Grant grant = Grant.to("group:a.b+c", "sales.orders").build();
    Grant other = Grant.to("group:x", "sales.orders").build();
    JsonNode rules =
        control.compile(
            DOMAINS,
            List.of(ORDERS),
            List.of(grant, other),
            Map.of("/weird user", Set.of("a.b+c", "x", "/team/a")),
            NOW);
    TrinoRulesModel trino =
        new TrinoRulesModel(
            rules,
            Map.of(
                "/weird user", Set.of("a.b+c", "x", "/team/a"),
                "eve", Set.of("aXb+c"),
                "fred", Set.of("a.b+c")),
            "lakehouse");
    Map<String, String> types = Map.of("order_id", "bigint", "email", "varchar");
    assertThat(trino.select("fred", ORDERS, types)).isPresent();
    assertThat(trino.select("eve", ORDERS, types)).isEmpty();
    assertThat(trino.select("/weird user", ORDERS, types)).isPresent();
  }

  /**
   * The documented limit: without the membership, a user in two granted groups gets the first
   * group's rule only, so the compiler must be given the map the group file is written from.
   */
  @Test
  void withoutTheMembershipAUserInTwoGrantedGroupsGetsOnlyTheFirstGroupsRule() {
    Grant audit =
        Grant.to("group:audit", "sales.orders")
            .columns(ColumnSelection.include("order_id"))
            .build();
    Grant finance =
        Grant.to("group:finance", "sales.orders").columns(ColumnSelection.include("email")).build();
    Map<String, Set<String>> groupFile = Map.of("bob", Set.of("audit", "finance"));
    Map<String, String> types = Map.of("order_id", "bigint", "email", "varchar");

    JsonNode blind =
        control.compile(DOMAINS, List.of(ORDERS), List.of(audit, finance), Map.of(), NOW);
    assertThat(new TrinoRulesModel(blind, groupFile, "lakehouse").select("bob", ORDERS, types))
        .hasValueSatisfying(view -> assertThat(view.visibleColumns()).containsExactly("order_id"));

    JsonNode informed =
        control.compile(DOMAINS, List.of(ORDERS), List.of(audit, finance), groupFile, NOW);
    assertThat(new TrinoRulesModel(informed, groupFile, "lakehouse").select("bob", ORDERS, types))
        .hasValueSatisfying(
            view -> assertThat(view.visibleColumns()).containsExactly("order_id", "email"));
  }

  @Test
  void aProductListedTwiceIsRefused() {
    assertThatThrownBy(
            () -> control.compile(DOMAINS, List.of(ORDERS, ORDERS), List.of(), Map.of(), NOW))
        .hasMessage("product sales.orders appears twice");
  }
}
