package io.tributary.platform.declaration;

import io.tributary.platform.declaration.ColumnType.PrimitiveKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A recursive-descent reader for the {@link ColumnType} grammar; one instance per text. */
final class ColumnTypeParser {

  private static final String EXPECTED_TYPES =
      Arrays.stream(PrimitiveKind.values())
              .map(PrimitiveKind::declaredName)
              .collect(Collectors.joining(", "))
          + ", decimal(P,S), fixed[N], list<T>, map<K,V>, struct<name:T,...>";

  private final String text;
  private int position;

  ColumnTypeParser(String text) {
    this.text = text;
  }

  ColumnType parseWhole() {
    ColumnType type = parseType();
    skipSpaces();
    if (position < text.length()) {
      throw error("unexpected '" + text.substring(position) + "' after the type");
    }
    return type;
  }

  private ColumnType parseType() {
    skipSpaces();
    int start = position;
    String word = readWord();
    if (word.isEmpty()) {
      throw error(
          position < text.length()
              ? "expected a type but found '" + text.charAt(position) + "'"
              : "expected a type but the text ended");
    }
    switch (word) {
      case "decimal" -> {
        expect('(');
        int precision = readNumber();
        expect(',');
        int scale = readNumber();
        expect(')');
        if (precision < 1 || precision > 38) {
          throw errorAt(start, "decimal precision " + precision + " is not between 1 and 38");
        }
        if (scale > precision) {
          throw errorAt(
              start, "decimal scale " + scale + " is larger than its precision " + precision);
        }
        return new ColumnType.Decimal(precision, scale);
      }
      case "fixed" -> {
        expect('[');
        int length = readNumber();
        expect(']');
        if (length < 1) {
          throw errorAt(start, "fixed length must be at least 1");
        }
        return new ColumnType.Fixed(length);
      }
      case "list" -> {
        expect('<');
        ColumnType element = parseType();
        expect('>');
        return new ColumnType.ListOf(element);
      }
      case "map" -> {
        expect('<');
        ColumnType key = parseType();
        expect(',');
        ColumnType value = parseType();
        expect('>');
        return new ColumnType.MapOf(key, value);
      }
      case "struct" -> {
        expect('<');
        List<ColumnType.StructField> fields = new ArrayList<>();
        List<String> names = new ArrayList<>();
        do {
          skipSpaces();
          int nameStart = position;
          String name = readWord();
          if (!Names.isColumnName(name)) {
            throw errorAt(
                nameStart,
                name.isEmpty()
                    ? "expected a struct field name"
                    : "struct field name '" + name + "' must match " + Names.COLUMN.pattern());
          }
          if (names.contains(name)) {
            throw errorAt(nameStart, "struct field '" + name + "' appears twice");
          }
          names.add(name);
          expect(':');
          fields.add(new ColumnType.StructField(name, parseType()));
          skipSpaces();
        } while (consume(','));
        expect('>');
        return new ColumnType.StructOf(fields);
      }
      default -> {
        for (PrimitiveKind kind : PrimitiveKind.values()) {
          if (kind.declaredName().equals(word)) {
            return ColumnType.of(kind);
          }
        }
        throw errorAt(start, "unknown type '" + word + "'; expected one of " + EXPECTED_TYPES);
      }
    }
  }

  private String readWord() {
    int start = position;
    while (position < text.length()
        && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
      position++;
    }
    return text.substring(start, position);
  }

  private int readNumber() {
    skipSpaces();
    int start = position;
    while (position < text.length() && Character.isDigit(text.charAt(position))) {
      position++;
    }
    if (start == position) {
      throw error("expected a number");
    }
    try {
      return Integer.parseInt(text.substring(start, position));
    } catch (NumberFormatException tooLarge) {
      throw errorAt(start, "number " + text.substring(start, position) + " is too large");
    }
  }

  private void expect(char expected) {
    if (!consume(expected)) {
      throw error(
          "expected '"
              + expected
              + "' but "
              + (position < text.length()
                  ? "found '" + text.charAt(position) + "'"
                  : "the text ended"));
    }
  }

  private boolean consume(char expected) {
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

  private IllegalArgumentException error(String what) {
    return errorAt(position, what);
  }

  private IllegalArgumentException errorAt(int at, String what) {
    return new IllegalArgumentException(
        "'" + text + "' is not a valid type: " + what + " (at character " + (at + 1) + ")");
  }
}
