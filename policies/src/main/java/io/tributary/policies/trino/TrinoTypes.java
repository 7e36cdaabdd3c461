package io.tributary.policies.trino;

import java.util.Locale;

/**
 * Iceberg type names, as the declarations write them, in Trino's SQL spelling, as Trino's Iceberg
 * connector maps them: {@code long} is {@code bigint}, {@code string} is {@code varchar}, {@code
 * timestamptz} is {@code timestamp(6) with time zone}, {@code list<string>} is {@code
 * array(varchar)}, {@code struct<a:int>} is {@code row("a" integer)}.
 */
final class TrinoTypes {
  private final String text;
  private int position;

  private TrinoTypes(String text) {
    this.text = text;
  }

  /**
   * The Trino type of a column of this Iceberg type.
   *
   * @throws IllegalArgumentException for a type the declarations do not know
   */
  static String ofIcebergType(String icebergType) {
    TrinoTypes reader = new TrinoTypes(icebergType.toLowerCase(Locale.ROOT));
    String type = reader.type();
    reader.skipSpaces();
    if (reader.position != reader.text.length()) {
      throw reader.error();
    }
    return type;
  }

  private String type() {
    String word = word();
    return switch (word) {
      case "boolean" -> "boolean";
      case "int" -> "integer";
      case "long" -> "bigint";
      case "float" -> "real";
      case "double" -> "double";
      case "date" -> "date";
      case "time" -> "time(6)";
      case "timestamp" -> "timestamp(6)";
      case "timestamptz" -> "timestamp(6) with time zone";
      case "string" -> "varchar";
      case "uuid" -> "uuid";
      case "binary" -> "varbinary";
      case "fixed" -> {
        expect('[');
        number();
        expect(']');
        yield "varbinary";
      }
      case "decimal" -> {
        expect('(');
        String precision = number();
        expect(',');
        String scale = number();
        expect(')');
        yield "decimal(" + precision + "," + scale + ")";
      }
      case "list" -> {
        expect('<');
        String element = type();
        expect('>');
        yield "array(" + element + ")";
      }
      case "map" -> {
        expect('<');
        String key = type();
        expect(',');
        String value = type();
        expect('>');
        yield "map(" + key + ", " + value + ")";
      }
      case "struct" -> {
        expect('<');
        StringBuilder row = new StringBuilder("row(");
        do {
          if (row.length() > 4) {
            row.append(", ");
          }
          String field = word();
          expect(':');
          row.append('"').append(field.replace("\"", "\"\"")).append("\" ").append(type());
        } while (accept(','));
        expect('>');
        yield row.append(')').toString();
      }
      default -> throw error();
    };
  }

  private String word() {
    skipSpaces();
    int start = position;
    while (position < text.length()
        && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
      position++;
    }
    return text.substring(start, position);
  }

  private String number() {
    String number = word();
    if (number.isEmpty() || !number.chars().allMatch(Character::isDigit)) {
      throw error();
    }
    return number;
  }

  private boolean accept(char expected) {
    skipSpaces();
    if (position < text.length() && text.charAt(position) == expected) {
      position++;
      return true;
    }
    return false;
  }

  private void expect(char expected) {
    if (!accept(expected)) {
      throw error();
    }
  }

  private void skipSpaces() {
    while (position < text.length() && text.charAt(position) == ' ') {
      position++;
    }
  }

  private IllegalArgumentException error() {
    return new IllegalArgumentException(
        "'%s' is not an Iceberg type Tributary knows (at character %d)"
            .formatted(text, position + 1));
  }
}
