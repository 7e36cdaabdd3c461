package io.tributary.policies.trino;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tributary.policies.grant.ColumnSelection;
import io.tributary.policies.grant.Grant;
import io.tributary.policies.grant.Mask;
import io.tributary.policies.grant.ProductColumns;
import io.tributary.policies.grant.ProductName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The compiled rules of a few small cases, compared as JSON trees with the files under {@code
 * src/test/resources/golden/}. Run with {@code -Dgolden.update=true} to rewrite the files after an
 * intended change, then read the diff.
 */
class TrinoGrantRulesGoldenTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final ProductColumns ORDERS =
      ProductColumns.of(
          ProductName.of("sales", "orders"),
          "order_id",
          "long",
          "region",
          "string",
          "email",
          "string",
          "amount",
          "decimal(12,2)");
  private static final List<DomainAccess> DOMAINS =
      List.of(new DomainAccess("sales", List.of("sales-owners"), List.of("sales-analysts")));

  private final TrinoAccessControl control =
      new TrinoAccessControl("lakehouse", "tributary", "platform-admins");

  @Test
  void aGroupGrantWithAMaskAndARowFilter() throws IOException {
    Grant finance =
        Grant.to("group:finance", "sales.orders")
            .columns(ColumnSelection.include("order_id", "region", "email"))
            .mask("email", Mask.HASH)
            .rowFilter("region in ('eu', 'uk')")
            .build();
    Grant expired = Grant.to("group:interns", "sales.orders").expires(NOW).build();
    Grant retiredProduct = Grant.to("group:finance", "sales.returns").build();

    assertMatchesGolden(
        "group-grant.json",
        control.compile(
            DOMAINS,
            List.of(ORDERS),
            List.of(finance, expired, retiredProduct),
            Map.of("fred", Set.of("finance")),
            NOW));
  }

  @Test
  void aUserGrantAndUsersInTwoGrantedGroupsGetMergedRulesBeforeTheGroupRules() throws IOException {
    Grant ana =
        Grant.to("user:ana", "sales.orders")
            .columns(ColumnSelection.include("order_id", "amount"))
            .rowFilter("amount >= 100")
            .build();
    Grant finance =
        Grant.to("group:finance", "sales.orders")
            .mask("email", Mask.REDACT)
            .mask("amount", Mask.NULL)
            .rowFilter("region = 'eu'")
            .build();
    Grant audit =
        Grant.to("group:audit", "sales.orders")
            .columns(ColumnSelection.exclude("email"))
            .mask("amount", Mask.NULL)
            .build();

    assertMatchesGolden(
        "merged-grants.json",
        control.compile(
            DOMAINS,
            List.of(ORDERS),
            List.of(ana, finance, audit),
            Map.of(
                "ana", Set.of("finance"),
                "bob", Set.of("finance", "audit"),
                "cy", Set.of("audit"),
                "sam", Set.of("finance", "audit", "sales-owners")),
            NOW));
  }

  private static void assertMatchesGolden(String name, JsonNode actual) throws IOException {
    Path file = Path.of("src/test/resources/golden", name);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, JSON.writeValueAsString(actual) + "\n");
    }
    assertThat(actual)
        .as("%s; compiled:%n%s", name, JSON.writeValueAsString(actual))
        .isEqualTo(JSON.readTree(file.toFile()));
  }
}
