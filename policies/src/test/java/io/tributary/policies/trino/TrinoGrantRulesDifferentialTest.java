package io.tributary.policies.trino;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.policies.grant.AccessEvaluator;
import io.tributary.policies.grant.Caller;
import io.tributary.policies.grant.ColumnSelection;
import io.tributary.policies.grant.Grant;
import io.tributary.policies.grant.GrantSource;
import io.tributary.policies.grant.Mask;
import io.tributary.policies.grant.Principal;
import io.tributary.policies.grant.ProductColumns;
import io.tributary.policies.grant.ProductName;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Compiles random grant sets and checks, for every user and product, that the rules as Trino's
 * file-based access control applies them ({@link TrinoRulesModel}) show exactly what the reference
 * evaluator shows: same access, same columns, same masked values, same rows. The same comparison
 * can run against a real Trino loaded with the compiled rules and group file.
 */
class TrinoGrantRulesDifferentialTest {
  private static final long SEED = 20260601L;
  private static final int GRANT_SETS = 400;
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
          "decimal(12,2)",
          "active",
          "boolean",
          "placed_at",
          "timestamptz");
  private static final ProductColumns RETURNS =
      ProductColumns.of(
          ProductName.of("sales", "returns"),
          "order_id",
          "long",
          "region",
          "string",
          "reason",
          "string");
  private static final Map<String, String> TRINO_TYPES =
      Map.of(
          "order_id", "bigint",
          "region", "varchar",
          "email", "varchar",
          "amount", "decimal(12,2)",
          "active", "boolean",
          "placed_at", "timestamp(6) with time zone",
          "reason", "varchar");
  private static final DomainAccess SALES =
      new DomainAccess("sales", List.of("sales-owners"), List.of("sales-analysts"));

  /** The group file; gus is in no group at all, so Trino knows none for him. */
  private static final Map<String, Set<String>> GROUPS_BY_USER =
      new TreeMap<>(
          Map.of(
              "ana", Set.of("finance"),
              "bob", Set.of("finance", "audit"),
              "cai", Set.of("audit", "ops", "marketing"),
              "dee", Set.of(),
              "eve", Set.of("ops", "sales-analysts"),
              "fay", Set.of("marketing")));

  private static final List<String> USERS =
      List.of("ana", "bob", "cai", "dee", "eve", "fay", "gus");
  private static final List<String> PRINCIPALS =
      List.of(
          "user:ana",
          "user:bob",
          "user:dee",
          "user:gus",
          "user:eve",
          "group:finance",
          "group:audit",
          "group:ops",
          "group:marketing");
  private static final List<String> FILTERS =
      List.of(
          "region = 'eu'",
          "amount >= 100",
          "active = TRUE",
          "region IN ('eu', 'uk') AND amount < 500",
          "NOT (region = 'us') OR amount IS NULL",
          "email LIKE '%@example.com'",
          "order_id BETWEEN 2 AND 5");
  private static final List<String> RETURN_FILTERS =
      List.of("region = 'eu'", "reason IS NOT NULL", "order_id > 3");

  private final TrinoAccessControl control =
      new TrinoAccessControl("lakehouse", "tributary", "platform-admins");

  @Test
  void compiledRulesShowWhatTheEvaluatorShows() {
    Random random = new Random(SEED);
    List<Map<String, Object>> orders = orderRows(random);
    List<Map<String, Object>> returns = returnRows(random);
    int compared = 0;
    int withAccess = 0;
    for (int set = 0; set < GRANT_SETS; set++) {
      List<Grant> grants = new ArrayList<>();
      int count = 1 + random.nextInt(6);
      for (int index = 0; index < count; index++) {
        grants.add(randomGrant(random));
      }
      JsonNode rules =
          control.compile(List.of(SALES), List.of(ORDERS, RETURNS), grants, GROUPS_BY_USER, NOW);
      TrinoRulesModel trino = new TrinoRulesModel(rules, GROUPS_BY_USER, "lakehouse");
      for (String user : USERS) {
        Caller caller = new Caller(user, GROUPS_BY_USER.getOrDefault(user, Set.of()));
        for (ProductColumns table : List.of(ORDERS, RETURNS)) {
          String context =
              "grant set %d, user %s, %s: %s%n%s"
                  .formatted(set, user, table.product(), grants, rules);
          AccessEvaluator expected = AccessEvaluator.evaluate(caller, table, SALES, grants, NOW);
          Optional<TrinoRulesModel.View> actual = trino.select(user, table, TRINO_TYPES);
          assertThat(actual.isPresent()).as(context).isEqualTo(expected.hasAccess());
          if (actual.isEmpty()) {
            continue;
          }
          withAccess++;
          assertThat(actual.get().visibleColumns())
              .as(context)
              .isEqualTo(expected.visibleColumns());
          for (Map<String, Object> row : table == ORDERS ? orders : returns) {
            assertThat(actual.get().apply(row))
                .as(context + "\nrow " + row)
                .isEqualTo(expected.apply(row));
            compared++;
          }
        }
      }
    }
    // The generator must exercise the interesting cases, not only "no access".
    assertThat(withAccess).isGreaterThan(GRANT_SETS * 3);
    assertThat(compared).isGreaterThan(10_000);
  }

  private static Grant randomGrant(Random random) {
    Principal principal = Principal.parse(PRINCIPALS.get(random.nextInt(PRINCIPALS.size())));
    ProductColumns table = random.nextInt(5) == 0 ? RETURNS : ORDERS;
    Grant.Builder grant = Grant.to(principal, table.product());
    List<String> names = table.names();
    switch (random.nextInt(5)) {
      case 0, 1 -> grant.columns(ColumnSelection.all());
      case 2, 3 -> {
        List<String> included = subset(random, names);
        grant.columns(
            new ColumnSelection.Include(included.isEmpty() ? List.of(names.getFirst()) : included));
      }
      default -> grant.columns(new ColumnSelection.Exclude(subset(random, names)));
    }
    for (String column : names) {
      if (random.nextInt(4) == 0) {
        grant.mask(column, Mask.values()[random.nextInt(Mask.values().length)]);
      }
    }
    if (random.nextBoolean()) {
      List<String> filters = table == ORDERS ? FILTERS : RETURN_FILTERS;
      grant.rowFilter(filters.get(random.nextInt(filters.size())));
    }
    switch (random.nextInt(5)) {
      case 0 -> grant.expires(NOW.minusSeconds(random.nextInt(1, 86_400)));
      case 1 -> grant.expires(NOW.plusSeconds(random.nextInt(1, 86_400)));
      case 2 -> grant.expires(NOW);
      default -> {}
    }
    if (random.nextBoolean()) {
      grant.source(GrantSource.accessRequest("request-" + random.nextInt(1000)));
    }
    return grant.build();
  }

  private static List<String> subset(Random random, List<String> names) {
    return names.stream().filter(name -> random.nextInt(3) == 0).toList();
  }

  private static List<Map<String, Object>> orderRows(Random random) {
    List<String> regions = java.util.Arrays.asList("eu", "uk", "us", null);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (long id = 1; id <= 12; id++) {
      Map<String, Object> row = new HashMap<>();
      row.put("order_id", id);
      row.put("region", regions.get(random.nextInt(regions.size())));
      row.put(
          "email",
          switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "user" + id + "@elsewhere.org";
            default -> "user" + id + "@example.com";
          });
      row.put(
          "amount", random.nextInt(6) == 0 ? null : BigDecimal.valueOf(random.nextInt(100_000), 2));
      row.put("active", random.nextInt(5) == 0 ? null : random.nextBoolean());
      row.put(
          "placed_at",
          OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
              .plusMinutes(random.nextInt(100_000)));
      rows.add(row);
    }
    return rows;
  }

  private static List<Map<String, Object>> returnRows(Random random) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (long id = 1; id <= 6; id++) {
      Map<String, Object> row = new HashMap<>();
      row.put("order_id", id);
      row.put("region", random.nextBoolean() ? "eu" : "us");
      row.put("reason", random.nextInt(3) == 0 ? null : "damaged " + id);
      rows.add(row);
    }
    return rows;
  }
}
