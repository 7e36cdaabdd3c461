package io.tributary.platform.declaration;

import io.tributary.platform.declaration.ColumnType.PrimitiveKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.transforms.Transform;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * Maps a declared {@link Table} to Iceberg's {@link Schema}, {@link PartitionSpec} and {@link
 * SortOrder}, and an existing Iceberg table back to declarations.
 *
 * <p>Field ids are assigned the way Iceberg assigns them when it creates a table ({@link
 * TypeUtil#assignFreshIds(Schema, TypeUtil.NextID)}): top-level columns get 1..n in declaration
 * order, then nested fields follow, struct by struct. So the schema built here has the same ids as
 * the table a catalog creates from it. Primary key columns become the schema's identifier fields.
 */
public final class IcebergMapping {

  private IcebergMapping() {}

  /**
   * The Iceberg type of a declared type. Nested field ids count up from 1, which is enough to
   * inspect the type; {@link #toSchema(Table)} gives the ids of a real table.
   */
  public static Type toIcebergType(ColumnType type) {
    return toIcebergType(type, new AtomicInteger());
  }

  private static Type toIcebergType(ColumnType type, AtomicInteger lastId) {
    return switch (type) {
      case ColumnType.Primitive primitive -> toIcebergPrimitive(primitive.kind());
      case ColumnType.Decimal decimal -> Types.DecimalType.of(decimal.precision(), decimal.scale());
      case ColumnType.Fixed fixed -> Types.FixedType.ofLength(fixed.length());
      case ColumnType.ListOf list -> {
        int elementId = lastId.incrementAndGet();
        yield Types.ListType.ofOptional(elementId, toIcebergType(list.element(), lastId));
      }
      case ColumnType.MapOf map -> {
        int keyId = lastId.incrementAndGet();
        int valueId = lastId.incrementAndGet();
        yield Types.MapType.ofOptional(
            keyId, valueId, toIcebergType(map.key(), lastId), toIcebergType(map.value(), lastId));
      }
      case ColumnType.StructOf struct -> {
        List<Types.NestedField> fields = new ArrayList<>();
        for (ColumnType.StructField field : struct.fields()) {
          int fieldId = lastId.incrementAndGet();
          fields.add(
              Types.NestedField.optional(
                  fieldId, field.name(), toIcebergType(field.type(), lastId)));
        }
        yield Types.StructType.of(fields);
      }
    };
  }

  private static Type toIcebergPrimitive(PrimitiveKind kind) {
    return switch (kind) {
      case BOOLEAN -> Types.BooleanType.get();
      case INT -> Types.IntegerType.get();
      case LONG -> Types.LongType.get();
      case FLOAT -> Types.FloatType.get();
      case DOUBLE -> Types.DoubleType.get();
      case DATE -> Types.DateType.get();
      case TIME -> Types.TimeType.get();
      case TIMESTAMP -> Types.TimestampType.withoutZone();
      case TIMESTAMPTZ -> Types.TimestampType.withZone();
      case STRING -> Types.StringType.get();
      case UUID -> Types.UUIDType.get();
      case BINARY -> Types.BinaryType.get();
    };
  }

  /**
   * The Iceberg schema of a table: columns in declaration order with their docs and required flags,
   * ids as Iceberg assigns them, primary key columns as identifier fields.
   *
   * @throws IllegalArgumentException when Iceberg refuses the schema (a valid declaration never is)
   */
  public static Schema toSchema(Table table) {
    AtomicInteger lastId = new AtomicInteger();
    List<Types.NestedField> columns = new ArrayList<>();
    for (Column column : table.columns()) {
      int id = lastId.incrementAndGet();
      Type type = toIcebergType(column.type(), lastId);
      String doc = column.description().orElse(null);
      columns.add(
          column.required()
              ? Types.NestedField.required(id, column.name(), type, doc)
              : Types.NestedField.optional(id, column.name(), type, doc));
    }
    Schema fresh =
        TypeUtil.assignFreshIds(new Schema(columns), new AtomicInteger()::incrementAndGet);
    Set<Integer> identifierFieldIds = new HashSet<>();
    for (String column : table.primaryKey()) {
      identifierFieldIds.add(fresh.findField(column).fieldId());
    }
    return new Schema(fresh.columns(), identifierFieldIds);
  }

  /** The partition spec of a table, over {@link #toSchema(Table)}. */
  public static PartitionSpec toPartitionSpec(Table table) {
    return toPartitionSpec(table, toSchema(table));
  }

  /**
   * The partition spec of a table over a schema that has its columns; an empty list gives the
   * unpartitioned spec.
   *
   * @throws IllegalArgumentException when Iceberg refuses the spec, for example {@code day(a)}
   *     beside {@code hour(a)}
   */
  public static PartitionSpec toPartitionSpec(Table table, Schema schema) {
    PartitionSpec.Builder builder = PartitionSpec.builderFor(schema);
    for (PartitionField field : table.partitioning()) {
      String column = field.column();
      switch (field.transform()) {
        case IDENTITY -> builder.identity(column);
        case YEAR -> builder.year(column);
        case MONTH -> builder.month(column);
        case DAY -> builder.day(column);
        case HOUR -> builder.hour(column);
        case BUCKET -> builder.bucket(column, field.argument());
        case TRUNCATE -> builder.truncate(column, field.argument());
      }
    }
    return builder.build();
  }

  /** The sort order of a table, over {@link #toSchema(Table)}. */
  public static SortOrder toSortOrder(Table table) {
    return toSortOrder(table, toSchema(table));
  }

  /** The sort order of a table over a schema that has its columns; empty gives unsorted. */
  public static SortOrder toSortOrder(Table table, Schema schema) {
    if (table.sortOrder().isEmpty()) {
      return SortOrder.unsorted();
    }
    SortOrder.Builder builder = SortOrder.builderFor(schema);
    for (SortField field : table.sortOrder()) {
      if (field.direction() == SortDirection.ASC) {
        builder.asc(field.column(), field.nullOrder());
      } else {
        builder.desc(field.column(), field.nullOrder());
      }
    }
    return builder.build();
  }

  /**
   * A human-readable form of a partition spec, as declarations write it: {@code [day(ordered_at),
   * bucket[16](order_id)]}.
   */
  public static List<String> describe(PartitionSpec spec) {
    return fromIceberg(spec).stream().map(PartitionField::toString).toList();
  }

  // ---------------------------------------------------------------- the way back

  /**
   * The declared type of an Iceberg type.
   *
   * @throws IllegalArgumentException for types declarations cannot express, such as {@code
   *     timestamp_ns} or {@code variant} (Iceberg format version 3)
   */
  public static ColumnType fromIcebergType(Type type) {
    return switch (type.typeId()) {
      case BOOLEAN -> ColumnType.of(PrimitiveKind.BOOLEAN);
      case INTEGER -> ColumnType.of(PrimitiveKind.INT);
      case LONG -> ColumnType.of(PrimitiveKind.LONG);
      case FLOAT -> ColumnType.of(PrimitiveKind.FLOAT);
      case DOUBLE -> ColumnType.of(PrimitiveKind.DOUBLE);
      case DATE -> ColumnType.of(PrimitiveKind.DATE);
      case TIME -> ColumnType.of(PrimitiveKind.TIME);
      case TIMESTAMP ->
          ColumnType.of(
              ((Types.TimestampType) type).shouldAdjustToUTC()
                  ? PrimitiveKind.TIMESTAMPTZ
                  : PrimitiveKind.TIMESTAMP);
      case STRING -> ColumnType.of(PrimitiveKind.STRING);
      case UUID -> ColumnType.of(PrimitiveKind.UUID);
      case BINARY -> ColumnType.of(PrimitiveKind.BINARY);
      case FIXED -> new ColumnType.Fixed(((Types.FixedType) type).length());
      case DECIMAL -> {
        Types.DecimalType decimal = (Types.DecimalType) type;
        yield new ColumnType.Decimal(decimal.precision(), decimal.scale());
      }
      case LIST -> new ColumnType.ListOf(fromIcebergType(((Types.ListType) type).elementType()));
      case MAP -> {
        Types.MapType map = (Types.MapType) type;
        yield new ColumnType.MapOf(
            fromIcebergType(map.keyType()), fromIcebergType(map.valueType()));
      }
      case STRUCT ->
          new ColumnType.StructOf(
              type.asStructType().fields().stream()
                  .map(
                      field ->
                          new ColumnType.StructField(field.name(), fromIcebergType(field.type())))
                  .toList());
      default ->
          throw new IllegalArgumentException(
              "Iceberg type " + type + " has no declaration; declarations cannot express it");
    };
  }

  /** The column declarations of an existing schema, with docs as descriptions. */
  public static List<Column> toColumns(Schema schema) {
    return schema.columns().stream()
        .map(
            field ->
                new Column(
                    field.name(),
                    fromIcebergType(field.type()),
                    field.isRequired(),
                    Optional.ofNullable(field.doc()),
                    Optional.empty()))
        .toList();
  }

  /**
   * The partition field declarations of an existing spec; void fields (removed ones) are left out.
   */
  public static List<PartitionField> fromIceberg(PartitionSpec spec) {
    List<PartitionField> fields = new ArrayList<>();
    for (org.apache.iceberg.PartitionField field : spec.fields()) {
      Transform<?, ?> transform = field.transform();
      if (transform.isVoid()) {
        continue;
      }
      String column = spec.schema().findColumnName(field.sourceId());
      String text = transform.toString();
      fields.add(PartitionField.parse(transform.isIdentity() ? column : text + "(" + column + ")"));
    }
    return List.copyOf(fields);
  }

  /** The sort key declarations of an existing sort order over {@code schema}. */
  public static List<SortField> fromIceberg(SortOrder sortOrder, Schema schema) {
    return sortOrder.fields().stream()
        .map(
            field ->
                new SortField(
                    schema.findColumnName(field.sourceId()), field.direction(), field.nullOrder()))
        .toList();
  }

  /**
   * The table declaration of an existing Iceberg table, so the platform can compare what exists
   * with what is declared. Column classifications are not stored in Iceberg and come back empty.
   */
  public static Table toTable(
      Schema schema, PartitionSpec spec, SortOrder sortOrder, Map<String, String> properties) {
    List<String> primaryKey =
        schema.identifierFieldIds().stream().sorted().map(schema::findColumnName).toList();
    return new Table(
        toColumns(schema),
        primaryKey,
        fromIceberg(spec),
        fromIceberg(sortOrder, schema),
        new LinkedHashMap<>(properties));
  }
}
