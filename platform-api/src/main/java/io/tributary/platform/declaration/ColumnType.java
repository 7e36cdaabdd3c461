package io.tributary.platform.declaration;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A column's type as declared, in the Iceberg type grammar:
 *
 * <pre>
 * type      = primitive | decimal(P,S) | fixed[N] | list&lt;type&gt; | map&lt;type,type&gt;
 *           | struct&lt;name:type,...&gt;
 * primitive = boolean | int | long | float | double | date | time | timestamp | timestamptz
 *           | string | uuid | binary
 * </pre>
 *
 * with {@code 1 <= P <= 38}, {@code 0 <= S <= P} and {@code N >= 1}. Type names are lower case;
 * spaces are allowed between tokens. {@link #toString()} gives the canonical text (no spaces).
 *
 * <p>Inside nested types, list elements, map values and struct fields are optional (nullable), and
 * map keys are required, as Iceberg demands; the grammar has no way to say otherwise, which keeps
 * schema evolution of nested data simple.
 */
public sealed interface ColumnType {

  /** A type without parameters: {@code boolean}, {@code int}, {@code timestamptz}, ... */
  record Primitive(PrimitiveKind kind) implements ColumnType {
    @Override
    public String toString() {
      return kind.declaredName();
    }
  }

  /** {@code decimal(precision,scale)}. */
  record Decimal(int precision, int scale) implements ColumnType {
    public Decimal {
      if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
        throw new IllegalArgumentException(
            "decimal("
                + precision
                + ","
                + scale
                + ") needs 1 <= precision <= 38, 0 <= scale <= precision");
      }
    }

    @Override
    public String toString() {
      return "decimal(" + precision + "," + scale + ")";
    }
  }

  /** {@code fixed[length]}: exactly {@code length} bytes. */
  record Fixed(int length) implements ColumnType {
    public Fixed {
      if (length < 1) {
        throw new IllegalArgumentException("fixed[" + length + "] needs a length of at least 1");
      }
    }

    @Override
    public String toString() {
      return "fixed[" + length + "]";
    }
  }

  /** {@code list<element>}. */
  record ListOf(ColumnType element) implements ColumnType {
    @Override
    public String toString() {
      return "list<" + element + ">";
    }
  }

  /** {@code map<key,value>}. */
  record MapOf(ColumnType key, ColumnType value) implements ColumnType {
    @Override
    public String toString() {
      return "map<" + key + "," + value + ">";
    }
  }

  /** {@code struct<name:type,...>}: at least one field, names unique. */
  record StructOf(List<StructField> fields) implements ColumnType {
    public StructOf {
      fields = List.copyOf(fields);
      if (fields.isEmpty()) {
        throw new IllegalArgumentException("a struct needs at least one field");
      }
      Set<String> names = new HashSet<>();
      for (StructField field : fields) {
        if (!names.add(field.name())) {
          throw new IllegalArgumentException("struct field '" + field.name() + "' appears twice");
        }
      }
    }

    @Override
    public String toString() {
      return fields.stream()
          .map(field -> field.name() + ":" + field.type())
          .collect(Collectors.joining(",", "struct<", ">"));
    }
  }

  /** One field of a {@link StructOf}. */
  record StructField(String name, ColumnType type) {}

  /** The types without parameters, with the names the grammar uses. */
  enum PrimitiveKind {
    BOOLEAN,
    INT,
    LONG,
    FLOAT,
    DOUBLE,
    DATE,
    TIME,
    TIMESTAMP,
    TIMESTAMPTZ,
    STRING,
    UUID,
    BINARY;

    public String declaredName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** List, map and struct types hold other types; they cannot be keys, partitions or sort keys. */
  default boolean isNested() {
    return this instanceof ListOf || this instanceof MapOf || this instanceof StructOf;
  }

  /** A type without parameters. */
  static ColumnType of(PrimitiveKind kind) {
    return new Primitive(kind);
  }

  /**
   * Reads a type declaration such as {@code decimal(12,2)} or {@code
   * list<struct<sku:string,quantity:int>>}.
   *
   * @throws IllegalArgumentException whose message names the text and where it went wrong
   */
  static ColumnType parse(String text) {
    return new ColumnTypeParser(text).parseWhole();
  }
}
