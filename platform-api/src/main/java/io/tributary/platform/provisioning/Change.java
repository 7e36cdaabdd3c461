package io.tributary.platform.provisioning;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Type;

/** One step of a provisioning plan, with the words a person reads in the plan. */
public sealed interface Change {

  /** A short verb phrase, stable for clients: {@code create-table}, {@code add-column}, ... */
  String action();

  /** What it acts on: a namespace, a table, or {@code table.column}. */
  String target();

  /** What exactly changes. */
  String detail();

  /** The table it changes, or null for a namespace change. */
  default TableIdentifier table() {
    return null;
  }

  record CreateNamespace(Namespace namespace, Map<String, String> properties) implements Change {
    public String action() {
      return "create-namespace";
    }

    public String target() {
      return namespace.toString();
    }

    public String detail() {
      return "new Iceberg namespace";
    }
  }

  record SetNamespaceProperties(Namespace namespace, Map<String, String> properties)
      implements Change {
    public String action() {
      return "set-namespace-properties";
    }

    public String target() {
      return namespace.toString();
    }

    public String detail() {
      return "set " + properties.keySet();
    }
  }

  record CreateTable(
      TableIdentifier table,
      Schema schema,
      PartitionSpec spec,
      SortOrder sortOrder,
      Map<String, String> properties)
      implements Change {
    public String action() {
      return "create-table";
    }

    public String target() {
      return table.toString();
    }

    public String detail() {
      return "%d columns, partitioned by %s"
          .formatted(
              schema.columns().size(),
              spec.isUnpartitioned()
                  ? "nothing"
                  : spec.fields().stream()
                      .map(
                          field ->
                              field.transform()
                                  + "("
                                  + schema.findColumnName(field.sourceId())
                                  + ")")
                      .toList());
    }
  }

  /** A new column; a required one is breaking and only planned when the major version rose. */
  record AddColumn(
      TableIdentifier table, String parent, String name, Type type, boolean required, String doc)
      implements Change {
    public String action() {
      return "add-column";
    }

    public String target() {
      return table + "." + (parent == null ? name : parent + "." + name);
    }

    public String detail() {
      return (required ? "required " : "optional ") + type;
    }
  }

  record WidenColumn(TableIdentifier table, String column, Type from, Type.PrimitiveType to)
      implements Change {
    public String action() {
      return "widen-column";
    }

    public String target() {
      return table + "." + column;
    }

    public String detail() {
      return from + " -> " + to;
    }
  }

  record MakeColumnOptional(TableIdentifier table, String column) implements Change {
    public String action() {
      return "make-column-optional";
    }

    public String target() {
      return table + "." + column;
    }

    public String detail() {
      return "required -> optional";
    }
  }

  record UpdateColumnDoc(TableIdentifier table, String column, String doc) implements Change {
    public String action() {
      return "update-column-doc";
    }

    public String target() {
      return table + "." + column;
    }

    public String detail() {
      return doc == null ? "no description" : doc;
    }
  }

  /** Breaking: only planned when the major version rose. */
  record DropColumn(TableIdentifier table, String column) implements Change {
    public String action() {
      return "drop-column";
    }

    public String target() {
      return table + "." + column;
    }

    public String detail() {
      return "the column and its values go (breaking; the major version rose)";
    }
  }

  /**
   * Breaking: a type Iceberg cannot promote in place, or a column made required; the column is
   * dropped and added again, so its old values are not carried over.
   */
  record ReplaceColumn(TableIdentifier table, String column, Type to, boolean required, String doc)
      implements Change {
    public String action() {
      return "replace-column";
    }

    public String target() {
      return table + "." + column;
    }

    public String detail() {
      return (required ? "required " : "optional ")
          + to
          + " (breaking; old values are not carried over)";
    }
  }

  record SetIdentifierFields(TableIdentifier table, Set<String> columns) implements Change {
    public String action() {
      return "set-primary-key";
    }

    public String target() {
      return table.toString();
    }

    public String detail() {
      return columns.isEmpty() ? "no primary key" : "primary key " + columns;
    }
  }

  record AddPartitionField(TableIdentifier table, String column, String transform)
      implements Change {
    public String action() {
      return "add-partition-field";
    }

    public String target() {
      return table.toString();
    }

    public String detail() {
      return transform + "(" + column + ")";
    }
  }

  record RemovePartitionField(TableIdentifier table, String column, String transform)
      implements Change {
    public String action() {
      return "remove-partition-field";
    }

    public String target() {
      return table.toString();
    }

    public String detail() {
      return transform + "(" + column + ")";
    }
  }

  record ReplaceSortOrder(TableIdentifier table, SortOrder sortOrder, List<String> description)
      implements Change {
    public String action() {
      return "replace-sort-order";
    }

    public String target() {
      return table.toString();
    }

    public String detail() {
      return description.isEmpty() ? "unsorted" : String.join(", ", description);
    }
  }

  record SetTableProperties(TableIdentifier table, Map<String, String> properties)
      implements Change {
    public String action() {
      return "set-table-properties";
    }

    public String target() {
      return table.toString();
    }

    public String detail() {
      return "set " + new java.util.TreeMap<>(properties);
    }
  }

  record RemoveTableProperties(TableIdentifier table, Set<String> keys) implements Change {
    public String action() {
      return "remove-table-properties";
    }

    public String target() {
      return table.toString();
    }

    public String detail() {
      return "remove " + new java.util.TreeSet<>(keys);
    }
  }
}
