package io.tributary.platform.ingestion;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tributary.platform.declaration.IcebergMapping;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Turns one JSON object into an Iceberg generic {@link Record} of a schema, or says everything that
 * is wrong with it. The JSON forms are the ones the data endpoint serves, so what is read can be
 * written back: numbers for numeric columns (decimals also as text, to keep every digit), ISO-8601
 * text for dates, times and timestamps ({@code timestamptz} with an offset, {@code timestamp}
 * without), base64 text for binary and fixed, arrays for lists, objects for maps and structs.
 * Nothing is coerced: a number in a string column, a fraction in an int column or a value that does
 * not fit is a problem, not a silent change.
 */
public final class RecordConverter {
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private static final ObjectReader KEY_READER =
      new ObjectMapper().reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final Schema schema;

  public RecordConverter(Schema schema) {
    this.schema = schema;
  }

  /**
   * The record, or null when it has problems, each added to {@code problems} with a pointer below
   * {@code pointer}.
   */
  Record convert(JsonNode value, String pointer, Problems problems) {
    int before = problems.count();
    Object converted = struct(schema.asStruct(), value, pointer, problems, true);
    return problems.count() == before ? (Record) converted : null;
  }

  private Object struct(
      Types.StructType type, JsonNode node, String pointer, Problems problems, boolean topLevel) {
    if (!node.isObject()) {
      problems.add(
          pointer,
          (topLevel ? "a record is a JSON object" : "expected a JSON object for the struct")
              + ", got "
              + describe(node));
      return null;
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (type.field(name) == null) {
        problems.add(
            Problems.field(pointer, name),
            topLevel
                ? "unknown field: the contract has no column '%s'".formatted(name)
                : "unknown field: the struct has only %s".formatted(fieldNames(type)));
      }
    }
    GenericRecord record = GenericRecord.create(type);
    List<Types.NestedField> fields = type.fields();
    for (int position = 0; position < fields.size(); position++) {
      Types.NestedField field = fields.get(position);
      String fieldPointer = Problems.field(pointer, field.name());
      JsonNode child = node.get(field.name());
      if (child == null || child.isNull()) {
        if (field.isRequired()) {
          problems.add(
              fieldPointer,
              child == null
                  ? "missing required field '%s'".formatted(field.name())
                  : "'%s' is required and may not be null".formatted(field.name()));
        }
        continue;
      }
      record.set(position, value(field.type(), child, fieldPointer, problems));
    }
    return record;
  }

  private Object value(Type type, JsonNode node, String pointer, Problems problems) {
    return switch (type.typeId()) {
      case BOOLEAN -> {
        if (node.isBoolean()) {
          yield node.booleanValue();
        }
        yield wrongType(problems, pointer, "a boolean (true or false)", node);
      }
      case INTEGER -> {
        if (!integral(node, pointer, problems, "an int")) {
          yield null;
        }
        if (!node.canConvertToInt()) {
          yield outOfRange(
              problems, pointer, node, "int (from -2147483648 to 2147483647)", "use a long column");
        }
        yield node.intValue();
      }
      case LONG -> {
        if (!integral(node, pointer, problems, "a long")) {
          yield null;
        }
        if (!node.canConvertToLong()) {
          yield outOfRange(problems, pointer, node, "long (64 bits)", "use a decimal column");
        }
        yield node.longValue();
      }
      case FLOAT -> {
        if (!node.isNumber()) {
          yield wrongType(problems, pointer, "a number", node);
        }
        float value = node.floatValue();
        if (Float.isInfinite(value)) {
          yield outOfRange(problems, pointer, node, "float (32 bits)", "use a double column");
        }
        yield value;
      }
      case DOUBLE -> {
        if (!node.isNumber()) {
          yield wrongType(problems, pointer, "a number", node);
        }
        double value = node.doubleValue();
        if (Double.isInfinite(value)) {
          yield outOfRange(problems, pointer, node, "double (64 bits)", "use a decimal column");
        }
        yield value;
      }
      case DECIMAL -> decimal((Types.DecimalType) type, node, pointer, problems);
      case DATE ->
          temporal(
              node,
              pointer,
              problems,
              "a date such as 2025-01-31",
              text -> LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE));
      case TIME ->
          temporal(
              node,
              pointer,
              problems,
              "a time such as 13:45:00 or 13:45:00.123456",
              text -> LocalTime.parse(text, DateTimeFormatter.ISO_LOCAL_TIME));
      case TIMESTAMP ->
          ((Types.TimestampType) type).shouldAdjustToUTC()
              ? temporal(
                  node,
                  pointer,
                  problems,
                  "a timestamp with an offset such as 2025-01-31T13:45:00Z or"
                      + " 2025-01-31T14:45:00+01:00",
                  text -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME))
              : temporal(
                  node,
                  pointer,
                  problems,
                  "a timestamp without an offset such as 2025-01-31T13:45:00",
                  text -> LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME));
      case STRING -> {
        if (node.isTextual()) {
          yield node.textValue();
        }
        yield wrongType(problems, pointer, "a string", node);
      }
      case UUID -> {
        if (node.isTextual() && UUID_TEXT.matcher(node.textValue()).matches()) {
          yield UUID.fromString(node.textValue());
        }
        yield wrongType(
            problems, pointer, "a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e", node);
      }
      case BINARY -> {
        byte[] bytes = base64(node, pointer, problems);
        yield bytes == null ? null : ByteBuffer.wrap(bytes);
      }
      case FIXED -> {
        byte[] bytes = base64(node, pointer, problems);
        int length = ((Types.FixedType) type).length();
        if (bytes != null && bytes.length != length) {
          problems.add(
              pointer,
              "fixed[%d] holds exactly %d bytes, got %d".formatted(length, length, bytes.length));
          yield null;
        }
        yield bytes;
      }
      case LIST -> list((Types.ListType) type, node, pointer, problems);
      case MAP -> map((Types.MapType) type, node, pointer, problems);
      case STRUCT -> struct(type.asStructType(), node, pointer, problems, false);
      default -> {
        problems.add(pointer, "values of type %s cannot be ingested".formatted(type));
        yield null;
      }
    };
  }

  private static boolean integral(JsonNode node, String pointer, Problems problems, String what) {
    if (node.isIntegralNumber()) {
      return true;
    }
    if (node.isNumber()) {
      problems.add(pointer, "expected %s, got the fraction %s".formatted(what, node.asText()));
    } else {
      wrongType(problems, pointer, what, node);
    }
    return false;
  }

  private static Object decimal(
      Types.DecimalType type, JsonNode node, String pointer, Problems problems) {
    BigDecimal value;
    if (node.isNumber()) {
      value = node.decimalValue();
    } else if (node.isTextual()) {
      try {
        value = new BigDecimal(node.textValue().strip());
      } catch (NumberFormatException notANumber) {
        problems.add(
            pointer,
            "expected a decimal number (a JSON number or text such as \"12.34\"), got %s"
                .formatted(describe(node)));
        return null;
      }
    } else {
      return wrongType(problems, pointer, "a decimal number", node);
    }
    BigDecimal scaled;
    try {
      // Trailing zeros beyond the scale are harmless; any other digit would be lost.
      scaled = value.setScale(type.scale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException wouldRound) {
      problems.add(
          pointer,
          "%s has more than %d decimal places, which %s cannot hold without rounding"
              .formatted(value.toPlainString(), type.scale(), declared(type)));
      return null;
    }
    if (scaled.precision() > type.precision()) {
      problems.add(
          pointer,
          "%s does not fit %s: at most %d digits before the decimal point"
              .formatted(value.toPlainString(), declared(type), type.precision() - type.scale()));
      return null;
    }
    return scaled;
  }

  private interface Parser {
    Object parse(String text);
  }

  private static Object temporal(
      JsonNode node, String pointer, Problems problems, String expected, Parser parser) {
    if (!node.isTextual()) {
      return wrongType(problems, pointer, expected, node);
    }
    try {
      return parser.parse(node.textValue());
    } catch (DateTimeParseException unreadable) {
      problems.add(pointer, "expected %s, got %s".formatted(expected, describe(node)));
      return null;
    }
  }

  private static byte[] base64(JsonNode node, String pointer, Problems problems) {
    if (node.isTextual()) {
      try {
        return Base64.getDecoder().decode(node.textValue());
      } catch (IllegalArgumentException notBase64) {
        // Reported below, with the same words as a wrong type.
      }
    }
    wrongType(problems, pointer, "base64 text (RFC 4648, with padding)", node);
    return null;
  }

  private Object list(Types.ListType type, JsonNode node, String pointer, Problems problems) {
    if (!node.isArray()) {
      return wrongType(problems, pointer, "a JSON array", node);
    }
    List<Object> elements = new ArrayList<>(node.size());
    for (int index = 0; index < node.size(); index++) {
      JsonNode element = node.get(index);
      String elementPointer = Problems.index(pointer, index);
      if (element.isNull()) {
        if (type.isElementRequired()) {
          problems.add(elementPointer, "the list's elements may not be null");
        }
        elements.add(null);
      } else {
        elements.add(value(type.elementType(), element, elementPointer, problems));
      }
    }
    return elements;
  }

  private Object map(Types.MapType type, JsonNode node, String pointer, Problems problems) {
    if (!node.isObject()) {
      return wrongType(problems, pointer, "a JSON object for the map", node);
    }
    Map<Object, Object> entries = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      String entryPointer = Problems.field(pointer, entry.getKey());
      Object key = mapKey(type.keyType(), entry.getKey(), entryPointer, problems);
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        if (type.isValueRequired()) {
          problems.add(entryPointer, "the map's values may not be null");
        }
        entries.put(key, null);
      } else {
        entries.put(key, value(type.valueType(), value, entryPointer, problems));
      }
    }
    return entries;
  }

  /** JSON keys are text: a key of another type is read from its text, as a JSON scalar. */
  private Object mapKey(Type keyType, String key, String pointer, Problems problems) {
    if (keyType.typeId() == Type.TypeID.STRING) {
      return key;
    }
    JsonNode keyNode = TextNode.valueOf(key);
    switch (keyType.typeId()) {
      case INTEGER, LONG, FLOAT, DOUBLE, DECIMAL, BOOLEAN -> {
        try {
          JsonNode scalar = KEY_READER.readTree(key);
          if (scalar != null && scalar.isValueNode()) {
            keyNode = scalar;
          }
        } catch (IOException notAScalar) {
          // Stays text, and is reported as the wrong type below.
        }
      }
      default -> {}
    }
    Problems keyProblems = new Problems();
    Object converted = value(keyType, keyNode, pointer, keyProblems);
    if (keyProblems.count() > 0) {
      problems.add(pointer, "the map key '%s' is not a valid %s".formatted(key, declared(keyType)));
      return null;
    }
    return converted;
  }

  private static Object wrongType(
      Problems problems, String pointer, String expected, JsonNode node) {
    problems.add(pointer, "expected %s, got %s".formatted(expected, describe(node)));
    return null;
  }

  private static Object outOfRange(
      Problems problems, String pointer, JsonNode node, String type, String advice) {
    problems.add(pointer, "%s is out of range for %s; %s".formatted(node.asText(), type, advice));
    return null;
  }

  /** A type as declarations write it, {@code decimal(6,2)} rather than Iceberg's spaced form. */
  private static String declared(Type type) {
    return IcebergMapping.fromIcebergType(type).toString();
  }

  private static String fieldNames(Types.StructType type) {
    return type.fields().stream().map(Types.NestedField::name).toList().toString();
  }

  /** A short description of a JSON value for error messages, never the whole of a large value. */
  static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> {
        String text = node.textValue();
        yield "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
      }
      case NUMBER -> "the number " + node.asText();
      case BOOLEAN -> "the boolean " + node.asText();
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> node.getNodeType().name().toLowerCase();
    };
  }
}
