package io.tributary.platform.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortField;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdatePartitionSpec;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.expressions.Term;
import org.apache.iceberg.transforms.Transforms;

/**
 * Applies a plan through the Iceberg API. Each table's changes are one Iceberg transaction, so a
 * table is either changed entirely or not at all.
 */
public final class PlanApplier {
  private final Catalog catalog;

  public PlanApplier(Catalog catalog) {
    this.catalog = catalog;
  }

  /** Applies every change, reporting each as it goes; stops at the first failure. */
  public void apply(List<Change> changes, Consumer<String> log) {
    Map<TableIdentifier, List<Change>> byTable = new LinkedHashMap<>();
    for (Change change : changes) {
      switch (change) {
        case Change.CreateNamespace create -> {
          ((SupportsNamespaces) catalog).createNamespace(create.namespace(), create.properties());
          log.accept("created namespace " + create.namespace());
        }
        case Change.SetNamespaceProperties set -> {
          ((SupportsNamespaces) catalog).setProperties(set.namespace(), set.properties());
          log.accept("set properties of namespace " + set.namespace());
        }
        case Change.CreateTable create -> {
          catalog
              .buildTable(create.table(), create.schema())
              .withPartitionSpec(create.spec())
              .withSortOrder(create.sortOrder())
              .withProperties(create.properties())
              .create();
          log.accept("created table " + create.table());
        }
        default -> byTable.computeIfAbsent(change.table(), key -> new ArrayList<>()).add(change);
      }
    }
    byTable.forEach(
        (identifier, tableChanges) -> {
          applyToTable(catalog.loadTable(identifier), tableChanges);
          tableChanges.forEach(
              change ->
                  log.accept(
                      "%s %s: %s".formatted(change.action(), change.target(), change.detail())));
        });
  }

  private static void applyToTable(Table table, List<Change> changes) {
    Transaction transaction = table.newTransaction();
    // Iceberg refuses to drop a primary-key column: clear the key first, set it again at the end.
    java.util.Set<String> key = table.schema().identifierFieldNames();
    for (Change change : changes) {
      if (change instanceof Change.SetIdentifierFields newKey) {
        key = newKey.columns();
      }
    }
    boolean keyTouched =
        changes.stream()
            .anyMatch(
                change ->
                    change instanceof Change.SetIdentifierFields
                        || change instanceof Change.DropColumn
                        || change instanceof Change.ReplaceColumn);
    if (keyTouched && !table.schema().identifierFieldIds().isEmpty()) {
      transaction.updateSchema().setIdentifierFields(java.util.Set.of()).commit();
    }
    List<Change> schemaChanges = changes.stream().filter(PlanApplier::isSchemaChange).toList();
    if (!schemaChanges.isEmpty()) {
      UpdateSchema update = transaction.updateSchema();
      for (Change change : schemaChanges) {
        switch (change) {
          case Change.AddColumn add when add.required() -> {
            update.allowIncompatibleChanges();
            if (add.parent() == null) {
              update.addRequiredColumn(add.name(), add.type(), add.doc());
            } else {
              update.addRequiredColumn(add.parent(), add.name(), add.type(), add.doc());
            }
          }
          case Change.AddColumn add -> {
            if (add.parent() == null) {
              update.addColumn(add.name(), add.type(), add.doc());
            } else {
              update.addColumn(add.parent(), add.name(), add.type(), add.doc());
            }
          }
          case Change.WidenColumn widen -> update.updateColumn(widen.column(), widen.to());
          case Change.MakeColumnOptional optional -> update.makeColumnOptional(optional.column());
          case Change.UpdateColumnDoc doc -> update.updateColumnDoc(doc.column(), doc.doc());
          case Change.DropColumn drop -> update.deleteColumn(drop.column());
          default -> {}
        }
      }
      update.commit();
    }
    // A replaced column goes and comes back in two steps, as Iceberg wants for one name.
    for (Change change : changes) {
      if (change instanceof Change.ReplaceColumn replace) {
        transaction.updateSchema().deleteColumn(replace.column()).commit();
        UpdateSchema add = transaction.updateSchema().allowIncompatibleChanges();
        int dot = replace.column().lastIndexOf('.');
        String parent = dot < 0 ? null : replace.column().substring(0, dot);
        String name = replace.column().substring(dot + 1);
        if (replace.required()) {
          if (parent == null) {
            add.addRequiredColumn(name, replace.to(), replace.doc());
          } else {
            add.addRequiredColumn(parent, name, replace.to(), replace.doc());
          }
        } else if (parent == null) {
          add.addColumn(name, replace.to(), replace.doc());
        } else {
          add.addColumn(parent, name, replace.to(), replace.doc());
        }
        add.commit();
      }
    }
    if (keyTouched && !key.isEmpty()) {
      transaction.updateSchema().setIdentifierFields(key).commit();
    }
    List<Change> specChanges =
        changes.stream()
            .filter(
                change ->
                    change instanceof Change.AddPartitionField
                        || change instanceof Change.RemovePartitionField)
            .toList();
    if (!specChanges.isEmpty()) {
      UpdatePartitionSpec spec = transaction.updateSpec();
      for (Change change : specChanges) {
        switch (change) {
          case Change.RemovePartitionField remove ->
              spec.removeField(term(remove.column(), remove.transform()));
          case Change.AddPartitionField add -> spec.addField(term(add.column(), add.transform()));
          default -> {}
        }
      }
      spec.commit();
    }
    for (Change change : changes) {
      if (change instanceof Change.ReplaceSortOrder sort) {
        var replace = transaction.replaceSortOrder();
        for (SortField field : sort.sortOrder().fields()) {
          String column = sort.sortOrder().schema().findColumnName(field.sourceId());
          Term term = term(column, field.transform().toString());
          NullOrder nulls = field.nullOrder();
          if (field.direction() == SortDirection.ASC) {
            replace.asc(term, nulls);
          } else {
            replace.desc(term, nulls);
          }
        }
        replace.commit();
      }
    }
    UpdateProperties properties = null;
    for (Change change : changes) {
      if (change instanceof Change.SetTableProperties set) {
        properties = properties == null ? transaction.updateProperties() : properties;
        UpdateProperties update = properties;
        set.properties().forEach(update::set);
      } else if (change instanceof Change.RemoveTableProperties remove) {
        properties = properties == null ? transaction.updateProperties() : properties;
        remove.keys().forEach(properties::remove);
      }
    }
    if (properties != null) {
      properties.commit();
    }
    transaction.commitTransaction();
  }

  private static boolean isSchemaChange(Change change) {
    return change instanceof Change.AddColumn
        || change instanceof Change.WidenColumn
        || change instanceof Change.MakeColumnOptional
        || change instanceof Change.UpdateColumnDoc
        || change instanceof Change.DropColumn;
  }

  private static Term term(String column, String transform) {
    return transform.equals("identity")
        ? Expressions.ref(column)
        : Expressions.transform(column, Transforms.fromString(transform));
  }
}
