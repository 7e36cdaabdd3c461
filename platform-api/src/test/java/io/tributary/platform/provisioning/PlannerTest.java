package io.tributary.platform.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plans against Iceberg's own in-memory catalog (a complete {@code Catalog}, not a stand-in), then
 * applies them and plans again: a converged domain plans nothing.
 */
class PlannerTest {
  private static final TableIdentifier ORDERS = TableIdentifier.of("sales", "orders");

  private InMemoryCatalog catalog;
  private Planner planner;
  private PlanApplier applier;

  @BeforeEach
  void catalog() {
    catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    planner = new Planner(catalog);
    applier = new PlanApplier(catalog);
  }

  private static Schema version1() {
    return new Schema(
        List.of(
            Types.NestedField.required(1, "order_id", Types.LongType.get(), "Order number"),
            Types.NestedField.optional(2, "quantity", Types.IntegerType.get()),
            Types.NestedField.required(3, "ordered_at", Types.TimestampType.withZone()),
            Types.NestedField.optional(
                4,
                "shipping",
                Types.StructType.of(
                    Types.NestedField.optional(5, "city", Types.StringType.get())))),
        Set.of(1));
  }

  private static DesiredTable table(
      Schema schema, PartitionSpec spec, Map<String, String> properties) {
    return new DesiredTable(ORDERS, schema, spec, SortOrder.unsorted(), properties);
  }

  private static DesiredState state(DesiredTable... tables) {
    return new DesiredState("sales", Map.of("owner", "sales-owners"), List.of(tables), List.of());
  }

  private List<String> actions(DesiredState state) {
    return planner.plan(state).stream()
        .map(change -> change.action() + " " + change.target())
        .toList();
  }

  private void converge(DesiredState state) {
    applier.apply(planner.plan(state), line -> {});
    assertThat(planner.plan(state)).as("a converged domain plans nothing").isEmpty();
  }

  @Test
  void newDomainCreatesNamespaceAndTableThenPlansNothing() {
    Schema schema = version1();
    DesiredState state =
        state(
            table(
                schema,
                PartitionSpec.builderFor(schema).day("ordered_at").build(),
                Map.of("tributary.version", "1.0.0")));
    assertThat(actions(state))
        .containsExactly("create-namespace sales", "create-table sales.orders");
    converge(state);

    Table created = catalog.loadTable(ORDERS);
    assertThat(created.schema().identifierFieldNames()).containsExactly("order_id");
    assertThat(created.spec().fields())
        .singleElement()
        .satisfies(field -> assertThat(field.transform().toString()).isEqualTo("day"));
    assertThat(created.properties()).containsEntry("tributary.version", "1.0.0");
    assertThat(catalog.loadNamespaceMetadata(ORDERS.namespace()))
        .containsEntry("owner", "sales-owners");
  }

  @Test
  void compatibleChangesEvolveTheTableInPlace() {
    Schema first = version1();
    converge(
        state(table(first, PartitionSpec.unpartitioned(), Map.of("tributary.version", "1.0.0"))));
    long snapshotsBefore = catalog.loadTable(ORDERS).history().size();

    Schema second =
        new Schema(
            List.of(
                Types.NestedField.required(
                    1, "order_id", Types.LongType.get(), "The order's number"),
                Types.NestedField.optional(2, "quantity", Types.LongType.get()),
                Types.NestedField.optional(3, "ordered_at", Types.TimestampType.withZone()),
                Types.NestedField.optional(
                    4,
                    "shipping",
                    Types.StructType.of(
                        Types.NestedField.optional(5, "city", Types.StringType.get()),
                        Types.NestedField.optional(6, "country", Types.StringType.get()))),
                Types.NestedField.optional(7, "coupon", Types.StringType.get())),
            Set.of(1));
    DesiredState evolved =
        state(
            table(
                second,
                PartitionSpec.builderFor(second).bucket("order_id", 8).build(),
                Map.of("tributary.version", "1.1.0")));
    assertThat(actions(evolved))
        .containsExactlyInAnyOrder(
            "update-column-doc sales.orders.order_id",
            "widen-column sales.orders.quantity",
            "make-column-optional sales.orders.ordered_at",
            "add-column sales.orders.shipping.country",
            "add-column sales.orders.coupon",
            "add-partition-field sales.orders",
            "set-table-properties sales.orders");
    converge(evolved);

    Table table = catalog.loadTable(ORDERS);
    assertThat(table.schema().findField("quantity").type()).isEqualTo(Types.LongType.get());
    assertThat(table.schema().findField("shipping.country")).isNotNull();
    assertThat(table.schema().findField("order_id").doc()).isEqualTo("The order's number");
    assertThat(table.properties()).containsEntry("tributary.version", "1.1.0");
    assertThat(table.history()).hasSize((int) snapshotsBefore);
  }

  @Test
  void majorVersionDropsAndReplacesColumnsChangesKeyAndPartitioning() {
    Schema first = version1();
    converge(
        state(
            table(
                first,
                PartitionSpec.builderFor(first).day("ordered_at").build(),
                Map.of("tributary.version", "1.0.0", "write.format.default", "parquet"))));

    Schema second =
        new Schema(
            List.of(
                Types.NestedField.required(1, "order_id", Types.StringType.get()),
                Types.NestedField.required(3, "ordered_at", Types.TimestampType.withZone()),
                Types.NestedField.required(8, "channel", Types.StringType.get())),
            Set.of(1, 8));
    DesiredState breaking =
        state(
            new DesiredTable(
                ORDERS,
                second,
                PartitionSpec.builderFor(second).month("ordered_at").build(),
                SortOrder.builderFor(second).desc("ordered_at", NullOrder.NULLS_LAST).build(),
                Map.of("tributary.version", "2.0.0")));
    assertThat(actions(breaking))
        .contains(
            "replace-column sales.orders.order_id",
            "drop-column sales.orders.quantity",
            "drop-column sales.orders.shipping",
            "set-primary-key sales.orders",
            "remove-partition-field sales.orders",
            "add-partition-field sales.orders",
            "replace-sort-order sales.orders",
            "remove-table-properties sales.orders");
    converge(breaking);

    Table table = catalog.loadTable(ORDERS);
    assertThat(table.schema().findField("order_id").type()).isEqualTo(Types.StringType.get());
    assertThat(table.schema().identifierFieldNames())
        .containsExactlyInAnyOrder("order_id", "channel");
    assertThat(table.properties()).doesNotContainKey("write.format.default");
  }

  @Test
  void retiredProductKeepsItsTableMarkedRetired() {
    Schema schema = version1();
    converge(state(table(schema, PartitionSpec.unpartitioned(), Map.of())));
    DesiredState retired =
        new DesiredState("sales", Map.of("owner", "sales-owners"), List.of(), List.of(ORDERS));
    assertThat(actions(retired)).containsExactly("set-table-properties sales.orders");
    converge(retired);
    assertThat(catalog.loadTable(ORDERS).properties())
        .containsEntry(Planner.STATUS_PROPERTY, "retired");
  }
}
