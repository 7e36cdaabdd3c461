package io.tributary.lakehouse.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SampleDataGeneratorTest {

  private static final Instant NOW = Instant.parse("2026-03-15T10:30:00Z");

  private final List<SampleTable> tables =
      new SampleDataGenerator(SampleDataGenerator.DEFAULT_SEED, NOW).generate();

  private SampleTable table(String qualifiedName) {
    return tables.stream()
        .filter(table -> table.qualifiedName().equals(qualifiedName))
        .findFirst()
        .orElseThrow();
  }

  private static List<Object> column(SampleTable table, String column) {
    return table.rows().stream().map(row -> row.get(column)).toList();
  }

  @Test
  void theSameSeedAndTimeGiveTheSameRows() {
    List<SampleTable> again =
        new SampleDataGenerator(SampleDataGenerator.DEFAULT_SEED, NOW).generate();
    List<SampleTable> otherSeed = new SampleDataGenerator(7, NOW).generate();

    assertThat(again).isEqualTo(tables);
    assertThat(otherSeed.get(2).rows()).isNotEqualTo(tables.get(2).rows());
  }

  @Test
  void aFewThousandRowsAcrossTheFourProducts() {
    assertThat(tables)
        .extracting(SampleTable::qualifiedName, table -> table.rows().size())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "sales.products", SampleDataGenerator.PRODUCT_COUNT),
            org.assertj.core.groups.Tuple.tuple(
                "customers.profiles", SampleDataGenerator.CUSTOMER_COUNT),
            org.assertj.core.groups.Tuple.tuple("sales.orders", SampleDataGenerator.ORDER_COUNT),
            org.assertj.core.groups.Tuple.tuple(
                "marketing.web_events", SampleDataGenerator.WEB_EVENT_COUNT));
    assertThat(tables.stream().mapToInt(table -> table.rows().size()).sum())
        .isBetween(2_000, 10_000);
  }

  @Test
  void everyValueFitsItsDeclaredColumn() {
    Map<String, DeclarationDocument> products =
        DeclarationFiles.read(DeclarationFilesTest.EXAMPLE_MESH).stream()
            .filter(DeclarationDocument::isDataProduct)
            // Derived products are refreshed by the platform from their inputs, never sampled.
            .filter(
                document ->
                    !document
                        .tree()
                        .path("spec")
                        .path("source")
                        .path("type")
                        .asText()
                        .equals("sql"))
            .collect(Collectors.toMap(DeclarationDocument::qualifiedName, Function.identity()));
    assertThat(products.keySet())
        .containsExactlyInAnyOrderElementsOf(
            tables.stream().map(SampleTable::qualifiedName).toList());

    for (SampleTable table : tables) {
      List<DeclaredColumn> columns = DeclaredColumn.of(products.get(table.qualifiedName()));
      Set<String> names = columns.stream().map(DeclaredColumn::name).collect(Collectors.toSet());
      for (Map<String, Object> row : table.rows()) {
        assertThat(names).as("columns of %s", table.qualifiedName()).containsAll(row.keySet());
        for (DeclaredColumn column : columns) {
          Object value = row.get(column.name());
          if (column.required()) {
            assertThat(value).as("%s.%s", table.qualifiedName(), column.name()).isNotNull();
          }
          assertThat(column.type().accepts(value))
              .as("%s.%s = %s fits %s", table.qualifiedName(), column.name(), value, column.type())
              .isTrue();
        }
      }
    }
  }

  @Test
  void primaryKeysAreUnique() {
    assertThat(column(table("sales.products"), "sku")).doesNotHaveDuplicates();
    assertThat(column(table("customers.profiles"), "customer_id")).doesNotHaveDuplicates();
    assertThat(column(table("customers.profiles"), "email")).doesNotHaveDuplicates();
    assertThat(column(table("sales.orders"), "order_id")).doesNotHaveDuplicates();
    assertThat(column(table("marketing.web_events"), "event_id")).doesNotHaveDuplicates();
  }

  @Test
  void timesFallInTheLastNinetyDays() {
    Instant start = NOW.minus(SampleDataGenerator.HISTORY);
    assertThat(column(table("sales.orders"), "ordered_at"))
        .allSatisfy(time -> assertThat((Instant) time).isBetween(start, NOW));
    assertThat(column(table("marketing.web_events"), "event_time"))
        .allSatisfy(time -> assertThat((Instant) time).isBetween(start, NOW));
    // Spread over the whole period, not bunched up at one end.
    assertThat(column(table("sales.orders"), "ordered_at"))
        .anySatisfy(time -> assertThat((Instant) time).isBefore(start.plus(Duration.ofDays(10))))
        .anySatisfy(time -> assertThat((Instant) time).isAfter(NOW.minus(Duration.ofDays(3))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void ordersAddUpAndReferToRealProductsAndCustomers() {
    Set<Object> skus = Set.copyOf(column(table("sales.products"), "sku"));
    Map<Object, LocalDate> signups =
        table("customers.profiles").rows().stream()
            .collect(
                Collectors.toMap(
                    row -> row.get("customer_id"), row -> (LocalDate) row.get("signup_date")));

    for (Map<String, Object> order : table("sales.orders").rows()) {
      List<Map<String, Object>> lines = (List<Map<String, Object>>) order.get("lines");
      assertThat(lines).isNotEmpty();
      BigDecimal total =
          lines.stream()
              .map(
                  line ->
                      ((BigDecimal) line.get("unit_price"))
                          .multiply(BigDecimal.valueOf((Integer) line.get("quantity"))))
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat((BigDecimal) order.get("amount")).isEqualByComparingTo(total).isPositive();
      assertThat(lines).allSatisfy(line -> assertThat(skus).contains(line.get("sku")));
      LocalDate signedUp = signups.get(order.get("customer_id"));
      assertThat(signedUp).isNotNull();
      assertThat(signedUp)
          .isBeforeOrEqualTo(
              LocalDate.ofInstant((Instant) order.get("ordered_at"), ZoneOffset.UTC));
    }
    assertThat(column(table("sales.orders"), "status"))
        .containsOnly("placed", "paid", "shipped", "delivered", "cancelled", "returned")
        .contains("delivered", "cancelled", "returned");
    assertThat(column(table("sales.orders"), "currency")).contains("EUR", "GBP", "SEK", "PLN");
  }

  @Test
  @SuppressWarnings("unchecked")
  void webEventsLookLikeVisits() {
    SampleTable events = table("marketing.web_events");
    assertThat(column(events, "event_type"))
        .containsOnly("page_view", "product_view", "search", "add_to_cart", "checkout", "purchase")
        .contains("purchase");
    assertThat(column(events, "page_url"))
        .allSatisfy(url -> assertThat((String) url).startsWith("https://shop.example.com/"));
    assertThat(column(events, "customer_id"))
        .containsNull()
        .anySatisfy(id -> assertThat(id).isInstanceOf(Long.class));
    assertThat(column(events, "device"))
        .allSatisfy(
            device ->
                assertThat((Map<String, Object>) device).containsOnlyKeys("type", "os", "browser"));
    assertThat(events.rows())
        .filteredOn(row -> row.get("event_type").equals("add_to_cart"))
        .allSatisfy(
            row ->
                assertThat((Map<String, String>) row.get("properties"))
                    .containsKeys("sku", "quantity"));
    assertThat(column(events, "session_id").stream().distinct().count()).isBetween(300L, 1_500L);
  }

  @Test
  void profilesUseOnlyReservedMailDomainsAndKnownTiers() {
    SampleTable profiles = table("customers.profiles");
    assertThat(column(profiles, "email"))
        .allSatisfy(
            email ->
                assertThat((String) email)
                    .matches("[a-z0-9._]+@([a-z]+\\.)?example\\.(com|org|net)"));
    assertThat(column(profiles, "loyalty_tier"))
        .containsOnly("bronze", "silver", "gold", "platinum");
    assertThat(column(profiles, "full_name"))
        .anySatisfy(name -> assertThat((String) name).contains("'"));
    assertThat(column(profiles, "phone")).containsNull();
  }
}
