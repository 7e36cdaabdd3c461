package io.tributary.lakehouse.mesh;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A column type as a declaration writes it (the Iceberg type grammar of the platform's {@code
 * ColumnType}: {@code long}, {@code decimal(12,2)}, {@code list<struct<sku:string,quantity:int>>},
 * ...), with what this module needs to write rows of that type through Trino: the Trino type and a
 * SQL literal for a Java value.
 *
 * <p>Java values by type: {@code boolean} Boolean, {@code int} Integer, {@code long} Long or
 * Integer, {@code float} Float, {@code double} Double, {@code decimal} BigDecimal, {@code date}
 * LocalDate, {@code time} LocalTime, {@code timestamp} LocalDateTime, {@code timestamptz} Instant,
 * {@code string} String, {@code uuid} UUID, {@code binary} and {@code fixed} byte[], {@code list}
 * List, {@code map} Map, {@code struct} a Map from field name to value. Null is allowed anywhere.
 */
public sealed interface DeclaredType {

  /** The type as Trino names it, for example {@code ARRAY(ROW("sku" VARCHAR, ...))}. */
  String trinoType();

  /** Whether a Java value can be written to a column of this type. */
  boolean accepts(Object value);

  /**
   * A SQL literal of this type. Nested values are cast to the exact Trino type, because Trino would
   * otherwise type {@code ROW(...)} without field names and {@code ARRAY[]} without an element
   * type.
   *
   * @throws IllegalArgumentException when {@link #accepts(Object)} is false
   */
  default String literal(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (!accepts(value)) {
      throw new IllegalArgumentException(
          "a " + value.getClass().getSimpleName() + " value '" + value + "' is not a " + this);
    }
    return isNested()
        ? "CAST(" + expression(value) + " AS " + trinoType() + ")"
        : expression(value);
  }

  /** The value as an SQL expression, without the outer cast. Only called for accepted values. */
  String expression(Object value);

  default boolean isNested() {
    return this instanceof ListOf || this instanceof MapOf || this instanceof StructOf;
  }

  /** A string literal, quotes doubled: the one escape Trino's string literals know. */
  static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** An identifier, double quotes doubled, so that any column name is safe. */
  static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * Reads a declared type.
   *
   * @throws IllegalArgumentException naming the text and what is wrong with it
   */
  static DeclaredType parse(String text) {
    return new Parser(text).whole();
  }

  /** A type without parameters. */
  enum Primitive implements DeclaredType {
    BOOLEAN("BOOLEAN"),
    INT("INTEGER"),
    LONG("BIGINT"),
    FLOAT("REAL"),
    DOUBLE("DOUBLE"),
    DATE("DATE"),
    TIME("TIME(6)"),
    TIMESTAMP("TIMESTAMP(6)"),
    TIMESTAMPTZ("TIMESTAMP(6) WITH TIME ZONE"),
    STRING("VARCHAR"),
    UUID("UUID"),
    BINARY("VARBINARY");

    private static final DateTimeFormatter TIME_OF_DAY =
        DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter DATE_TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final String trinoType;

    Primitive(String trinoType) {
      this.trinoType = trinoType;
    }

    @Override
    public String trinoType() {
      return trinoType;
    }

    @Override
    public boolean accepts(Object value) {
      return value == null
          || switch (this) {
            case BOOLEAN -> value instanceof Boolean;
            case INT -> value instanceof Integer;
            case LONG -> value instanceof Long || value instanceof Integer;
            case FLOAT -> value instanceof Float;
            case DOUBLE -> value instanceof Double;
            case DATE -> value instanceof LocalDate;
            case TIME -> value instanceof LocalTime;
            case TIMESTAMP -> value instanceof LocalDateTime;
            case TIMESTAMPTZ -> value instanceof Instant;
            case STRING -> value instanceof String;
            case UUID -> value instanceof java.util.UUID;
            case BINARY -> value instanceof byte[];
          };
    }

    @Override
    public String expression(Object value) {
      return switch (this) {
        case BOOLEAN -> ((Boolean) value) ? "TRUE" : "FALSE";
        case INT, LONG -> value.toString();
        case FLOAT -> "REAL '" + value + "'";
        case DOUBLE -> "DOUBLE '" + value + "'";
        case DATE -> "DATE '" + value + "'";
        case TIME -> "TIME '" + TIME_OF_DAY.format((LocalTime) value) + "'";
        case TIMESTAMP -> "TIMESTAMP '" + DATE_TIME.format((LocalDateTime) value) + "'";
        case TIMESTAMPTZ ->
            "TIMESTAMP '" + DATE_TIME.format(((Instant) value).atOffset(ZoneOffset.UTC)) + " UTC'";
        case STRING -> DeclaredType.quote((String) value);
        case UUID -> "UUID '" + value + "'";
        case BINARY -> "X'" + HexFormat.of().formatHex((byte[]) value) + "'";
      };
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code decimal(precision,scale)}. */
  record Decimal(int precision, int scale) implements DeclaredType {
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
    public String trinoType() {
      return "DECIMAL(" + precision + "," + scale + ")";
    }

    @Override
    public boolean accepts(Object value) {
      if (value == null) {
        return true;
      }
      if (!(value instanceof BigDecimal decimal)) {
        return false;
      }
      // Fits without rounding: no more fractional digits than the scale allows, and no more
      // whole digits than precision minus scale.
      if (decimal.signum() == 0) {
        return true;
      }
      BigDecimal stripped = decimal.stripTrailingZeros();
      int wholeDigits = Math.max(stripped.precision() - stripped.scale(), 0);
      return stripped.scale() <= scale && wholeDigits <= precision - scale;
    }

    @Override
    public String expression(Object value) {
      return "DECIMAL '" + ((BigDecimal) value).setScale(scale).toPlainString() + "'";
    }

    @Override
    public String toString() {
      return "decimal(" + precision + "," + scale + ")";
    }
  }

  /** {@code fixed[length]}: exactly that many bytes. */
  record Fixed(int length) implements DeclaredType {
    @Override
    public String trinoType() {
      return "VARBINARY";
    }

    @Override
    public boolean accepts(Object value) {
      return value == null || (value instanceof byte[] bytes && bytes.length == length);
    }

    @Override
    public String expression(Object value) {
      return Primitive.BINARY.expression(value);
    }

    @Override
    public String toString() {
      return "fixed[" + length + "]";
    }
  }

  /** {@code list<element>}. */
  record ListOf(DeclaredType element) implements DeclaredType {
    @Override
    public String trinoType() {
      return "ARRAY(" + element.trinoType() + ")";
    }

    @Override
    public boolean accepts(Object value) {
      return value == null
          || (value instanceof List<?> list && list.stream().allMatch(element::accepts));
    }

    @Override
    public String expression(Object value) {
      return ((List<?>) value)
          .stream()
              .map(item -> item == null ? "NULL" : element.expression(item))
              .collect(Collectors.joining(", ", "ARRAY[", "]"));
    }

    @Override
    public String toString() {
      return "list<" + element + ">";
    }
  }

  /** {@code map<key,value>}; keys are never null, as Iceberg demands. */
  record MapOf(DeclaredType key, DeclaredType value) implements DeclaredType {
    @Override
    public String trinoType() {
      return "MAP(" + key.trinoType() + ", " + value.trinoType() + ")";
    }

    @Override
    public boolean accepts(Object candidate) {
      return candidate == null
          || (candidate instanceof Map<?, ?> map
              && map.entrySet().stream()
                  .allMatch(
                      entry ->
                          entry.getKey() != null
                              && key.accepts(entry.getKey())
                              && value.accepts(entry.getValue())));
    }

    @Override
    public String expression(Object candidate) {
      Map<?, ?> map = (Map<?, ?>) candidate;
      if (map.isEmpty()) {
        return "MAP()";
      }
      List<String> keys = new ArrayList<>();
      List<String> values = new ArrayList<>();
      map.forEach(
          (entryKey, entryValue) -> {
            keys.add(key.expression(entryKey));
            values.add(entryValue == null ? "NULL" : value.expression(entryValue));
          });
      return "MAP(ARRAY["
          + String.join(", ", keys)
          + "], ARRAY["
          + String.join(", ", values)
          + "])";
    }

    @Override
    public String toString() {
      return "map<" + key + "," + value + ">";
    }
  }

  /** {@code struct<name:type,...>}; a value is a map from field name to value. */
  record StructOf(List<Field> fields) implements DeclaredType {
    public StructOf {
      fields = List.copyOf(fields);
    }

    @Override
    public String trinoType() {
      return fields.stream()
          .map(field -> DeclaredType.identifier(field.name()) + " " + field.type().trinoType())
          .collect(Collectors.joining(", ", "ROW(", ")"));
    }

    @Override
    public boolean accepts(Object value) {
      if (value == null) {
        return true;
      }
      if (!(value instanceof Map<?, ?> map)) {
        return false;
      }
      List<String> names = fields.stream().map(Field::name).toList();
      return names.containsAll(map.keySet())
          && fields.stream().allMatch(field -> field.type().accepts(map.get(field.name())));
    }

    @Override
    public String expression(Object value) {
      Map<?, ?> map = (Map<?, ?>) value;
      return fields.stream()
          .map(
              field -> {
                Object fieldValue = map.get(field.name());
                return fieldValue == null ? "NULL" : field.type().expression(fieldValue);
              })
          .collect(Collectors.joining(", ", "ROW(", ")"));
    }

    @Override
    public String toString() {
      return fields.stream()
          .map(field -> field.name() + ":" + field.type())
          .collect(Collectors.joining(",", "struct<", ">"));
    }

    /** One field of a struct. */
    public record Field(String name, DeclaredType type) {}
  }

  /** A recursive-descent reader of the type grammar; spaces are allowed between tokens. */
  final class Parser {
    private final String text;
    private int position;

    Parser(String text) {
      this.text = text;
    }

    DeclaredType whole() {
      DeclaredType type = type();
      skipSpaces();
      if (position != text.length()) {
        throw error("unexpected '" + text.substring(position) + "'");
      }
      return type;
    }

    private DeclaredType type() {
      String word = word();
      return switch (word) {
        case "decimal" -> {
          expect('(');
          int precision = number();
          expect(',');
          int scale = number();
          expect(')');
          yield new Decimal(precision, scale);
        }
        case "fixed" -> {
          expect('[');
          int length = number();
          expect(']');
          yield new Fixed(length);
        }
        case "list" -> {
          expect('<');
          DeclaredType element = type();
          expect('>');
          yield new ListOf(element);
        }
        case "map" -> {
          expect('<');
          DeclaredType key = type();
          expect(',');
          DeclaredType value = type();
          expect('>');
          yield new MapOf(key, value);
        }
        case "struct" -> {
          expect('<');
          List<StructOf.Field> fields = new ArrayList<>();
          do {
            String name = word();
            expect(':');
            fields.add(new StructOf.Field(name, type()));
          } while (accept(','));
          expect('>');
          yield new StructOf(fields);
        }
        default -> {
          try {
            yield Primitive.valueOf(word.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException unknown) {
            throw error("unknown type '" + word + "'");
          }
        }
      };
    }

    private String word() {
      skipSpaces();
      int start = position;
      while (position < text.length()
          && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
        position++;
      }
      if (start == position) {
        throw error("expected a name");
      }
      return text.substring(start, position);
    }

    private int number() {
      String word = word();
      try {
        return Integer.parseInt(word);
      } catch (NumberFormatException notNumber) {
        throw error("expected a number, found '" + word + "'");
      }
    }

    private void expect(char expected) {
      if (!accept(expected)) {
        throw error("expected '" + expected + "'");
      }
    }

    private boolean accept(char expected) {
      skipSpaces();
      if (position < text.length() && text.charAt(position) == expected) {
        position++;
        return true;
      }
      return false;
    }

    private void skipSpaces() {
      while (position < text.length() && text.charAt(position) == ' ') {
        position++;
      }
    }

    private IllegalArgumentException error(String message) {
      return new IllegalArgumentException(
          "'" + text + "' is not a column type: " + message + " at position " + (position + 1));
    }
  }
}
