package io.tributary.platform.declaration;

import static io.tributary.platform.declaration.DeclarationTexts.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IcebergMappingTest {

  private final DeclarationParser parser = new DeclarationParser();
  private final Table orders = parser.parseDataProduct(example("sales-orders.yaml")).spec().table();
  private final Schema schema = IcebergMapping.toSchema(orders);

  @Test
  void buildsTheSchemaWithIcebergsFieldIdsTypesAndRequiredFlags() {
    assertThat(schema.columns())
        .extracting(
            Types.NestedField::fieldId, Types.NestedField::name, Types.NestedField::isRequired)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "order_id", true),
            org.assertj.core.groups.Tuple.tuple(2, "customer_email", false),
            org.assertj.core.groups.Tuple.tuple(3, "ordered_at", true),
            org.assertj.core.groups.Tuple.tuple(4, "status", true),
            org.assertj.core.groups.Tuple.tuple(5, "amount", false),
            org.assertj.core.groups.Tuple.tuple(6, "items", false),
            org.assertj.core.groups.Tuple.tuple(7, "attributes", false));
    assertThat(schema.findType("order_id")).isEqualTo(Types.LongType.get());
    assertThat(schema.findType("ordered_at")).isEqualTo(Types.TimestampType.withZone());
    assertThat(schema.findType("amount")).isEqualTo(Types.DecimalType.of(12, 2));
    assertThat(schema.findField("order_id").doc()).isEqualTo("Order number");
    // Nested ids follow the top-level ones, struct by struct, as Iceberg assigns them.
    assertThat(schema.findType("items"))
        .isEqualTo(
            Types.ListType.ofOptional(
                8,
                Types.StructType.of(
                    Types.NestedField.optional(9, "sku", Types.StringType.get()),
                    Types.NestedField.optional(10, "quantity", Types.IntegerType.get()))));
    assertThat(schema.findType("attributes"))
        .isEqualTo(
            Types.MapType.ofOptional(11, 12, Types.StringType.get(), Types.StringType.get()));
    assertThat(schema.highestFieldId()).isEqualTo(12);
  }

  @Test
  void makesThePrimaryKeyTheIdentifierFields() {
    assertThat(schema.identifierFieldIds()).containsExactly(1);
    assertThat(schema.identifierFieldNames()).containsExactly("order_id");
  }

  @Test
  void assignsTheIdsACatalogWouldAssign() {
    Schema asCreatedByACatalog =
        org.apache.iceberg.types.TypeUtil.assignFreshIds(
            schema, new java.util.concurrent.atomic.AtomicInteger()::incrementAndGet);

    assertThat(asCreatedByACatalog.sameSchema(schema)).isTrue();
  }

  @Test
  void buildsThePartitionSpec() {
    PartitionSpec spec = IcebergMapping.toPartitionSpec(orders, schema);

    assertThat(spec.fields())
        .extracting(
            field -> field.transform().toString(), org.apache.iceberg.PartitionField::sourceId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("day", 3),
            org.assertj.core.groups.Tuple.tuple("bucket[16]", 1));
    assertThat(spec.fields())
        .extracting(org.apache.iceberg.PartitionField::name)
        .containsExactly("ordered_at_day", "order_id_bucket");
    assertThat(IcebergMapping.describe(spec))
        .containsExactly("day(ordered_at)", "bucket[16](order_id)");
  }

  @Test
  void buildsTheSortOrder() {
    SortOrder sortOrder = IcebergMapping.toSortOrder(orders, schema);

    assertThat(sortOrder.fields())
        .extracting(
            org.apache.iceberg.SortField::sourceId,
            org.apache.iceberg.SortField::direction,
            org.apache.iceberg.SortField::nullOrder)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3, SortDirection.DESC, NullOrder.NULLS_LAST),
            org.assertj.core.groups.Tuple.tuple(1, SortDirection.ASC, NullOrder.NULLS_FIRST));
  }

  @Test
  void buildsUnpartitionedAndUnsortedTables() {
    Table plain =
        new Table(
            List.of(Column.required("id", ColumnType.parse("long"))),
            List.of(),
            List.of(),
            List.of(),
            Map.of());

    assertThat(IcebergMapping.toPartitionSpec(plain).isUnpartitioned()).isTrue();
    assertThat(IcebergMapping.toSortOrder(plain).isUnsorted()).isTrue();
  }

  @Test
  void readsAnExistingTableBackIntoTheSameDeclaration() {
    Table readBack =
        IcebergMapping.toTable(
            schema,
            IcebergMapping.toPartitionSpec(orders, schema),
            IcebergMapping.toSortOrder(orders, schema),
            orders.properties());

    // Classifications live only in declarations, not in Iceberg.
    List<Column> withoutClassifications =
        orders.columns().stream()
            .map(
                column ->
                    new Column(
                        column.name(),
                        column.type(),
                        column.required(),
                        column.description(),
                        Optional.empty()))
            .toList();
    assertThat(readBack)
        .isEqualTo(
            new Table(
                withoutClassifications,
                orders.primaryKey(),
                orders.partitioning(),
                orders.sortOrder(),
                orders.properties()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "boolean",
        "int",
        "long",
        "float",
        "double",
        "decimal(38,0)",
        "decimal(1,1)",
        "date",
        "time",
        "timestamp",
        "timestamptz",
        "string",
        "uuid",
        "binary",
        "fixed[16]",
        "list<string>",
        "map<string,list<int>>",
        "struct<a:int,b:struct<c:map<uuid,decimal(9,3)>>>",
        "list<struct<sku:string,quantity:int>>"
      })
  void mapsEveryTypeToIcebergAndBack(String declared) {
    ColumnType type = ColumnType.parse(declared);

    assertThat(type).hasToString(declared);
    assertThat(IcebergMapping.fromIcebergType(IcebergMapping.toIcebergType(type))).isEqualTo(type);
  }

  @Test
  void readsTypesWrittenWithSpaces() {
    assertThat(ColumnType.parse("map< string , decimal( 12 , 2 ) >"))
        .hasToString("map<string,decimal(12,2)>");
  }

  @Test
  void refusesIcebergTypesDeclarationsCannotExpress() {
    assertThatThrownBy(() -> IcebergMapping.fromIcebergType(Types.TimestampNanoType.withZone()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no declaration");
  }
}
