package io.tributary.platform.declaration;

import static io.tributary.platform.declaration.JsonPointers.field;
import static io.tributary.platform.declaration.JsonPointers.index;

import io.tributary.platform.declaration.ColumnType.PrimitiveKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a new declaration of a product may replace the previous one.
 *
 * <p>Breaking changes (refused unless the major version rises):
 *
 * <ul>
 *   <li>dropping a column (a rename is a drop and an add), or a field of a struct column;
 *   <li>narrowing a type (long to int, double to float, a smaller decimal precision) or changing it
 *       in any way Iceberg cannot evolve in place (string to int, a decimal's scale, a map's key);
 *   <li>making an optional column required, or adding a required column (old rows have no value);
 *   <li>changing the primary key (the upsert key consumers and ingestion rely on);
 *   <li>removing or changing an existing partition field, or reordering them.
 * </ul>
 *
 * <p>Compatible changes (evolve the table in place; any version rise will do):
 *
 * <ul>
 *   <li>adding an optional column or struct field; widening int to long, float to double, or a
 *       decimal's precision at the same scale; making a required column optional;
 *   <li>adding a partition field: Iceberg evolves the spec and old files keep their layout;
 *   <li>changing the sort order, table properties, column order, descriptions, classifications,
 *       title, owners, tags, zone, SLA, quality checks or source;
 *   <li>changing grants or visibility, including revoking a grant: access is governed by grants,
 *       and revoking must be as fast as granting, so it never waits for a major version.
 * </ul>
 *
 * <p>Versions: a changed declaration needs a higher version (a same-version change is refused, so
 * two different contracts never share a version; resubmitting an identical declaration is
 * accepted); a lower version is always refused; and breaking changes need a higher major version.
 * Major version 0 gets no special treatment.
 */
public final class Compatibility {

  private static final String COLUMNS = "/spec/table/columns";

  private Compatibility() {}

  /** Compares two declarations of one product and applies the versioning rules. */
  public static CompatibilityReport check(DataProduct previous, DataProduct next) {
    SemanticVersion previousVersion = previous.metadata().version();
    SemanticVersion nextVersion = next.metadata().version();
    List<Problem> violations = new ArrayList<>();
    if (!previous.metadata().domain().equals(next.metadata().domain())) {
      violations.add(
          new Problem(
              "/metadata/domain",
              "product "
                  + previous.reference()
                  + " cannot move to domain '"
                  + next.metadata().domain()
                  + "'; declare a new product instead"));
    }
    if (!previous.metadata().name().equals(next.metadata().name())) {
      violations.add(
          new Problem(
              "/metadata/name",
              "product "
                  + previous.reference()
                  + " cannot be renamed to '"
                  + next.metadata().name()
                  + "'; declare a new product instead"));
    }
    if (!violations.isEmpty()) {
      return new CompatibilityReport(previousVersion, nextVersion, List.of(), violations);
    }
    List<ProductChange> changes = changes(previous, next);
    boolean breaking = changes.stream().anyMatch(ProductChange::isBreaking);
    int comparison = nextVersion.compareTo(previousVersion);
    if (comparison < 0) {
      violations.add(
          new Problem(
              "/metadata/version",
              "version "
                  + nextVersion
                  + " is lower than the current version "
                  + previousVersion
                  + "; versions only rise"));
    } else if (comparison == 0 && !changes.isEmpty()) {
      violations.add(
          new Problem(
              "/metadata/version",
              "the declaration changed but its version is still "
                  + previousVersion
                  + "; raise it to "
                  + (breaking ? previousVersion.nextMajor() : previousVersion.nextMinor())
                  + " or higher"));
    } else if (breaking && nextVersion.major() <= previousVersion.major()) {
      violations.add(
          new Problem(
              "/metadata/version",
              "breaking changes need a new major version: raise "
                  + previousVersion
                  + " to "
                  + previousVersion.nextMajor()
                  + ", not "
                  + nextVersion));
    }
    if (breaking && nextVersion.major() <= previousVersion.major()) {
      for (ProductChange change : changes) {
        if (change.isBreaking()) {
          violations.add(
              new Problem(
                  change.pointer(),
                  "breaking change without a new major version: " + change.reason()));
        }
      }
    }
    return new CompatibilityReport(previousVersion, nextVersion, changes, violations);
  }

  /** Every difference between two declarations of a product, ignoring the version itself. */
  public static List<ProductChange> changes(DataProduct previous, DataProduct next) {
    List<ProductChange> changes = new ArrayList<>();
    compareMetadata(previous.metadata(), next.metadata(), changes);
    compareColumns(previous.spec().table(), next.spec().table(), changes);
    compareTableLayout(previous.spec().table(), next.spec().table(), changes);
    compareRest(previous.spec(), next.spec(), changes);
    if (changes.isEmpty() && !previous.withVersion(next.metadata().version()).equals(next)) {
      // A safety net: should a field ever escape the comparisons above, the change still counts.
      changes.add(ProductChange.compatible("", "the declaration changed"));
    }
    return List.copyOf(changes);
  }

  private static void compareMetadata(
      DataProduct.Metadata previous, DataProduct.Metadata next, List<ProductChange> changes) {
    noteIfChanged(changes, "/metadata/title", "title", previous.title(), next.title());
    noteIfChanged(
        changes,
        "/metadata/description",
        "description",
        previous.description(),
        next.description());
    noteIfChanged(changes, "/metadata/owners", "owners", previous.owners(), next.owners());
    noteIfChanged(changes, "/metadata/tags", "tags", previous.tags(), next.tags());
  }

  private static void compareColumns(Table previous, Table next, List<ProductChange> changes) {
    Map<String, Column> nextByName = byName(next.columns());
    Map<String, Column> previousByName = byName(previous.columns());
    for (Column column : previous.columns()) {
      if (!nextByName.containsKey(column.name())) {
        changes.add(
            ProductChange.breaking(
                COLUMNS,
                "column '"
                    + column.name()
                    + "' was dropped; consumers reading it break (a rename is a drop and an add)"));
      }
    }
    for (int position = 0; position < next.columns().size(); position++) {
      Column column = next.columns().get(position);
      String pointer = index(COLUMNS, position);
      Column before = previousByName.get(column.name());
      if (before == null) {
        changes.add(
            column.required()
                ? ProductChange.breaking(
                    pointer,
                    "required column '"
                        + column.name()
                        + "' was added; existing rows have no value for it")
                : ProductChange.compatible(
                    pointer, "optional column '" + column.name() + "' was added"));
        continue;
      }
      compareTypes(column.name(), before.type(), column.type(), field(pointer, "type"), changes);
      if (!before.required() && column.required()) {
        changes.add(
            ProductChange.breaking(
                field(pointer, "required"),
                "column '"
                    + column.name()
                    + "' became required; existing rows may hold nulls and writers may send them"));
      } else if (before.required() && !column.required()) {
        changes.add(
            ProductChange.compatible(
                field(pointer, "required"),
                "column '" + column.name() + "' became optional; Iceberg allows it in place"));
      }
      noteIfChanged(
          changes,
          field(pointer, "description"),
          "description of column '" + column.name() + "'",
          before.description(),
          column.description());
      noteIfChanged(
          changes,
          field(pointer, "classification"),
          "classification of column '" + column.name() + "'",
          before.classification(),
          column.classification());
    }
    List<String> previousOrder =
        previous.columns().stream().map(Column::name).filter(nextByName::containsKey).toList();
    List<String> nextOrder =
        next.columns().stream().map(Column::name).filter(previousByName::containsKey).toList();
    if (!previousOrder.equals(nextOrder)) {
      changes.add(
          ProductChange.compatible(
              COLUMNS, "columns were reordered; Iceberg reads columns by id, not position"));
    }
  }

  /**
   * Compares a type with its new version, recursing into lists, maps and structs so that, say, a
   * struct field widened from int to long stays compatible.
   */
  private static void compareTypes(
      String path,
      ColumnType before,
      ColumnType after,
      String pointer,
      List<ProductChange> changes) {
    if (before.equals(after)) {
      return;
    }
    String subject = "the type of '" + path + "'";
    if (isWidening(before, after)) {
      changes.add(
          ProductChange.compatible(
              pointer, subject + " was widened from " + before + " to " + after));
      return;
    }
    if (isWidening(after, before)) {
      changes.add(
          ProductChange.breaking(
              pointer,
              subject
                  + " was narrowed from "
                  + before
                  + " to "
                  + after
                  + "; existing values may not fit"));
      return;
    }
    switch (before) {
      case ColumnType.ListOf list when after instanceof ColumnType.ListOf nextList -> {
        compareTypes(path + ".element", list.element(), nextList.element(), pointer, changes);
        return;
      }
      case ColumnType.MapOf map when after instanceof ColumnType.MapOf nextMap -> {
        if (!map.key().equals(nextMap.key())) {
          changes.add(
              ProductChange.breaking(
                  pointer,
                  "the key type of map '"
                      + path
                      + "' changed from "
                      + map.key()
                      + " to "
                      + nextMap.key()
                      + "; Iceberg cannot change map keys"));
        }
        compareTypes(path + ".value", map.value(), nextMap.value(), pointer, changes);
        return;
      }
      case ColumnType.StructOf struct when after instanceof ColumnType.StructOf nextStruct -> {
        compareStructs(path, struct, nextStruct, pointer, changes);
        return;
      }
      default -> {}
    }
    changes.add(
        ProductChange.breaking(
            pointer,
            subject
                + " changed from "
                + before
                + " to "
                + after
                + ", which Iceberg cannot evolve in place"));
  }

  private static void compareStructs(
      String path,
      ColumnType.StructOf before,
      ColumnType.StructOf after,
      String pointer,
      List<ProductChange> changes) {
    Map<String, ColumnType> afterFields = new LinkedHashMap<>();
    after.fields().forEach(field -> afterFields.put(field.name(), field.type()));
    Set<String> beforeNames = new HashSet<>();
    for (ColumnType.StructField field : before.fields()) {
      beforeNames.add(field.name());
      ColumnType afterType = afterFields.get(field.name());
      if (afterType == null) {
        changes.add(
            ProductChange.breaking(
                pointer, "field '" + path + "." + field.name() + "' was dropped"));
      } else {
        compareTypes(path + "." + field.name(), field.type(), afterType, pointer, changes);
      }
    }
    for (ColumnType.StructField field : after.fields()) {
      if (!beforeNames.contains(field.name())) {
        changes.add(
            ProductChange.compatible(
                pointer, "optional field '" + path + "." + field.name() + "' was added"));
      }
    }
  }

  /** The promotions Iceberg performs in place, which every reader of the old type can follow. */
  private static boolean isWidening(ColumnType from, ColumnType to) {
    if (from.equals(ColumnType.of(PrimitiveKind.INT))) {
      return to.equals(ColumnType.of(PrimitiveKind.LONG));
    }
    if (from.equals(ColumnType.of(PrimitiveKind.FLOAT))) {
      return to.equals(ColumnType.of(PrimitiveKind.DOUBLE));
    }
    return from instanceof ColumnType.Decimal narrow
        && to instanceof ColumnType.Decimal wide
        && narrow.scale() == wide.scale()
        && narrow.precision() < wide.precision();
  }

  private static void compareTableLayout(Table previous, Table next, List<ProductChange> changes) {
    if (!Set.copyOf(previous.primaryKey()).equals(Set.copyOf(next.primaryKey()))) {
      changes.add(
          ProductChange.breaking(
              "/spec/table/primaryKey",
              "the primary key changed from "
                  + previous.primaryKey()
                  + " to "
                  + next.primaryKey()
                  + "; rows are identified and upserted by it"));
    }
    List<PartitionField> before = previous.partitioning();
    List<PartitionField> after = next.partitioning();
    boolean prefixKept =
        after.size() >= before.size() && after.subList(0, before.size()).equals(before);
    if (!prefixKept) {
      changes.add(
          ProductChange.breaking(
              "/spec/table/partitioning",
              "existing partition fields changed from "
                  + before
                  + " to "
                  + after
                  + "; only adding partition fields after the existing ones is compatible"));
    } else {
      for (int position = before.size(); position < after.size(); position++) {
        changes.add(
            ProductChange.compatible(
                index("/spec/table/partitioning", position),
                "partition field '"
                    + after.get(position)
                    + "' was added; Iceberg evolves the partition spec and keeps old files"));
      }
    }
    noteIfChanged(
        changes, "/spec/table/sortOrder", "sort order", previous.sortOrder(), next.sortOrder());
    noteIfChanged(
        changes,
        "/spec/table/properties",
        "table properties",
        previous.properties(),
        next.properties());
  }

  private static void compareRest(
      DataProduct.Spec previous, DataProduct.Spec next, List<ProductChange> changes) {
    noteIfChanged(changes, "/spec/zone", "zone", previous.zone(), next.zone());
    noteIfChanged(
        changes,
        "/spec/access/visibility",
        "visibility",
        previous.access().visibility(),
        next.access().visibility());
    compareGrants(previous.access().grants(), next.access().grants(), changes);
    noteIfChanged(changes, "/spec/sla", "SLA", previous.sla(), next.sla());
    noteIfChanged(changes, "/spec/quality", "quality checks", previous.quality(), next.quality());
    noteIfChanged(changes, "/spec/source", "source", previous.source(), next.source());
  }

  private static void compareGrants(
      List<Grant> previous, List<Grant> next, List<ProductChange> changes) {
    for (Grant grant : previous) {
      if (next.stream().noneMatch(candidate -> candidate.principal().equals(grant.principal()))) {
        changes.add(
            ProductChange.compatible(
                "/spec/access/grants",
                "the grant to "
                    + grant.principal()
                    + " was revoked; revoking access never waits for a major version"));
      }
    }
    for (int position = 0; position < next.size(); position++) {
      Grant grant = next.get(position);
      List<Grant> before =
          previous.stream()
              .filter(candidate -> candidate.principal().equals(grant.principal()))
              .toList();
      String pointer = index("/spec/access/grants", position);
      if (before.isEmpty()) {
        changes.add(
            ProductChange.compatible(pointer, "a grant to " + grant.principal() + " was added"));
      } else if (!before.contains(grant)) {
        changes.add(
            ProductChange.compatible(
                pointer, "the grant to " + grant.principal() + " was changed"));
      }
    }
  }

  private static void noteIfChanged(
      List<ProductChange> changes, String pointer, String what, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      changes.add(ProductChange.compatible(pointer, what + " changed"));
    }
  }

  private static Map<String, Column> byName(List<Column> columns) {
    Map<String, Column> byName = new LinkedHashMap<>();
    columns.forEach(column -> byName.put(column.name(), column));
    return byName;
  }
}
