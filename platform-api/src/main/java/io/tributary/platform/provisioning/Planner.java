package io.tributary.platform.provisioning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortField;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * Diffs a domain's desired state against what the catalog holds, column by column and by name
 * (field ids differ between a declaration and a table Iceberg created), and lists the changes that
 * would make the catalog match. It changes nothing.
 */
public final class Planner {
  /** Table properties the platform manages are remembered in this property, to remove later. */
  public static final String MANAGED_PROPERTIES = "tributary.managed-properties";

  /** Marks a retired product's table; the table and its data are kept. */
  public static final String STATUS_PROPERTY = "tributary.status";

  private final Catalog catalog;

  public Planner(Catalog catalog) {
    this.catalog = catalog;
  }

  public List<Change> plan(DesiredState desired) {
    List<Change> changes = new ArrayList<>();
    Namespace namespace = Namespace.of(desired.domain());
    SupportsNamespaces namespaces = (SupportsNamespaces) catalog;
    boolean namespaceExists = namespaces.namespaceExists(namespace);
    if (!namespaceExists) {
      changes.add(new Change.CreateNamespace(namespace, desired.namespaceProperties()));
    } else {
      Map<String, String> current;
      try {
        current = namespaces.loadNamespaceMetadata(namespace);
      } catch (NoSuchNamespaceException e) {
        current = Map.of();
      }
      Map<String, String> different = differing(current, desired.namespaceProperties());
      if (!different.isEmpty()) {
        changes.add(new Change.SetNamespaceProperties(namespace, different));
      }
    }
    for (DesiredTable table : desired.tables()) {
      if (namespaceExists && catalog.tableExists(table.identifier())) {
        changes.addAll(planTable(catalog.loadTable(table.identifier()), table));
      } else {
        changes.add(
            new Change.CreateTable(
                table.identifier(),
                table.schema(),
                table.spec(),
                table.sortOrder(),
                withManagedKeys(table.properties())));
      }
    }
    for (TableIdentifier retired : desired.retired()) {
      if (namespaceExists && catalog.tableExists(retired)) {
        Table table = catalog.loadTable(retired);
        if (!"retired".equals(table.properties().get(STATUS_PROPERTY))) {
          changes.add(new Change.SetTableProperties(retired, Map.of(STATUS_PROPERTY, "retired")));
        }
      }
    }
    return List.copyOf(changes);
  }

  private static Map<String, String> withManagedKeys(Map<String, String> properties) {
    Map<String, String> all = new HashMap<>(properties);
    all.put(MANAGED_PROPERTIES, String.join(",", new java.util.TreeSet<>(properties.keySet())));
    return all;
  }

  private static List<Change> planTable(Table existing, DesiredTable desired) {
    List<Change> changes = new ArrayList<>();
    TableIdentifier identifier = desired.identifier();
    planStruct(
        identifier, null, existing.schema().asStruct(), desired.schema().asStruct(), changes);

    Set<String> desiredKey = names(desired.schema(), desired.schema().identifierFieldIds());
    Set<String> existingKey = names(existing.schema(), existing.schema().identifierFieldIds());
    if (!desiredKey.equals(existingKey)) {
      changes.add(new Change.SetIdentifierFields(identifier, desiredKey));
    }

    Set<String> desiredPartitions = partitions(desired.schema(), desired.spec());
    Set<String> existingPartitions = partitions(existing.schema(), existing.spec());
    for (String field : existingPartitions) {
      if (!desiredPartitions.contains(field)) {
        String[] parts = field.split(" ", 2);
        changes.add(new Change.RemovePartitionField(identifier, parts[1], parts[0]));
      }
    }
    for (String field : desiredPartitions) {
      if (!existingPartitions.contains(field)) {
        String[] parts = field.split(" ", 2);
        changes.add(new Change.AddPartitionField(identifier, parts[1], parts[0]));
      }
    }

    List<String> desiredSort = sortFields(desired.schema(), desired.sortOrder());
    if (!desiredSort.equals(sortFields(existing.schema(), existing.sortOrder()))) {
      changes.add(new Change.ReplaceSortOrder(identifier, desired.sortOrder(), desiredSort));
    }

    Map<String, String> wanted = withManagedKeys(desired.properties());
    if ("retired".equals(existing.properties().get(STATUS_PROPERTY))) {
      wanted.put(STATUS_PROPERTY, "active");
    }
    Map<String, String> different = differing(existing.properties(), wanted);
    if (!different.isEmpty()) {
      changes.add(new Change.SetTableProperties(identifier, different));
    }
    Set<String> previouslyManaged =
        Set.of(existing.properties().getOrDefault(MANAGED_PROPERTIES, "").split(",")).stream()
            .filter(key -> !key.isBlank())
            .collect(Collectors.toSet());
    Set<String> stale = new LinkedHashSet<>(previouslyManaged);
    stale.removeAll(wanted.keySet());
    stale.retainAll(existing.properties().keySet());
    if (!stale.isEmpty()) {
      changes.add(new Change.RemoveTableProperties(identifier, stale));
    }
    return changes;
  }

  /** Compares the fields of one struct, recursing into nested structs, by name. */
  private static void planStruct(
      TableIdentifier table,
      String parent,
      Types.StructType existing,
      Types.StructType desired,
      List<Change> changes) {
    for (Types.NestedField wanted : desired.fields()) {
      String path = parent == null ? wanted.name() : parent + "." + wanted.name();
      Types.NestedField current = existing.field(wanted.name());
      if (current == null) {
        changes.add(
            new Change.AddColumn(
                table, parent, wanted.name(), wanted.type(), wanted.isRequired(), wanted.doc()));
        continue;
      }
      if (current.type().isStructType() && wanted.type().isStructType()) {
        planStruct(
            table, path, current.type().asStructType(), wanted.type().asStructType(), changes);
      } else if (!sameShape(current.type(), wanted.type())) {
        if (current.type().isPrimitiveType()
            && wanted.type().isPrimitiveType()
            && TypeUtil.isPromotionAllowed(current.type(), wanted.type().asPrimitiveType())) {
          changes.add(
              new Change.WidenColumn(table, path, current.type(), wanted.type().asPrimitiveType()));
        } else {
          changes.add(
              new Change.ReplaceColumn(
                  table, path, wanted.type(), wanted.isRequired(), wanted.doc()));
          continue;
        }
      }
      if (current.isRequired() && wanted.isOptional()) {
        changes.add(new Change.MakeColumnOptional(table, path));
      } else if (current.isOptional() && wanted.isRequired()) {
        changes.add(new Change.ReplaceColumn(table, path, wanted.type(), true, wanted.doc()));
        continue;
      }
      if (!Objects.equals(current.doc(), wanted.doc())) {
        changes.add(new Change.UpdateColumnDoc(table, path, wanted.doc()));
      }
    }
    for (Types.NestedField current : existing.fields()) {
      if (desired.field(current.name()) == null) {
        changes.add(
            new Change.DropColumn(
                table, parent == null ? current.name() : parent + "." + current.name()));
      }
    }
  }

  /** Types equal but for field ids, which differ between a declaration and an existing table. */
  private static boolean sameShape(Type left, Type right) {
    if (left.isPrimitiveType() || right.isPrimitiveType()) {
      return left.equals(right);
    }
    if (left.typeId() != right.typeId()) {
      return false;
    }
    return switch (left.typeId()) {
      case LIST ->
          sameShape(left.asListType().elementType(), right.asListType().elementType())
              && left.asListType().isElementOptional() == right.asListType().isElementOptional();
      case MAP ->
          sameShape(left.asMapType().keyType(), right.asMapType().keyType())
              && sameShape(left.asMapType().valueType(), right.asMapType().valueType())
              && left.asMapType().isValueOptional() == right.asMapType().isValueOptional();
      case STRUCT -> {
        List<Types.NestedField> leftFields = left.asStructType().fields();
        List<Types.NestedField> rightFields = right.asStructType().fields();
        if (leftFields.size() != rightFields.size()) {
          yield false;
        }
        for (int i = 0; i < leftFields.size(); i++) {
          Types.NestedField a = leftFields.get(i);
          Types.NestedField b = rightFields.get(i);
          if (!a.name().equals(b.name())
              || a.isOptional() != b.isOptional()
              || !sameShape(a.type(), b.type())) {
            yield false;
          }
        }
        yield true;
      }
      default -> left.equals(right);
    };
  }

  private static Set<String> names(Schema schema, Set<Integer> ids) {
    return ids.stream()
        .map(schema::findColumnName)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  /** Each partition field as {@code "<transform> <column>"}. */
  private static Set<String> partitions(Schema schema, PartitionSpec spec) {
    Set<String> fields = new LinkedHashSet<>();
    for (PartitionField field : spec.fields()) {
      if (!field.transform().isVoid()) {
        fields.add(field.transform() + " " + schema.findColumnName(field.sourceId()));
      }
    }
    return fields;
  }

  /** Each sort field as {@code "<transform>(<column>) <direction> <null order>"}. */
  static List<String> sortFields(Schema schema, SortOrder order) {
    List<String> fields = new ArrayList<>();
    for (SortField field : order.fields()) {
      fields.add(
          "%s(%s) %s %s"
              .formatted(
                  field.transform(),
                  schema.findColumnName(field.sourceId()),
                  field.direction(),
                  field.nullOrder()));
    }
    return fields;
  }

  private static Map<String, String> differing(
      Map<String, String> current, Map<String, String> wanted) {
    Map<String, String> different = new HashMap<>();
    wanted.forEach(
        (key, value) -> {
          if (!value.equals(current.get(key))) {
            different.put(key, value);
          }
        });
    return different;
  }
}
