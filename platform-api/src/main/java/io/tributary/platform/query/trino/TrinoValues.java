package io.tributary.platform.query.trino;

import io.tributary.policies.rowfilter.ColumnKind;
import io.trino.jdbc.Row;
import io.trino.jdbc.RowField;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Trino values into the plain Java values pages carry. Temporal values keep Trino's own text
 * (and so its precision), reshaped to ISO-8601; binary becomes base64.
 */
final class TrinoValues {
  private TrinoValues() {}

  /** What a Trino type holds, for the row-filter language. */
  static ColumnKind kind(String trinoType) {
    String type = trinoType.toLowerCase(Locale.ROOT);
    if (type.equals("boolean")) {
      return ColumnKind.BOOLEAN;
    }
    if (type.matches("tinyint|smallint|integer|bigint")) {
      return ColumnKind.INTEGER;
    }
    if (type.matches("real|double")) {
      return ColumnKind.FLOAT;
    }
    if (type.startsWith("decimal")) {
      return ColumnKind.DECIMAL;
    }
    if (type.startsWith("varchar") || type.startsWith("char")) {
      return ColumnKind.STRING;
    }
    if (type.equals("date")) {
      return ColumnKind.DATE;
    }
    // A timestamp with a time zone compares in the session's zone: the language leaves it out.
    if (type.startsWith("timestamp") && !type.contains("with time zone")) {
      return ColumnKind.TIMESTAMP;
    }
    return ColumnKind.OTHER;
  }

  /**
   * Whether Trino can sort by a column of this type: everything Iceberg has but maps and what
   * contains one.
   */
  static boolean isOrderable(String trinoType) {
    return !trinoType.toLowerCase(Locale.ROOT).contains("map(");
  }

  /** The value of a column (from 1) of the current row. */
  static Object read(ResultSet rows, int column, String trinoType) throws SQLException {
    String type = trinoType.toLowerCase(Locale.ROOT);
    if (type.startsWith("timestamp") && type.endsWith("with time zone")) {
      return isoWithOffset(rows.getString(column));
    }
    if (type.startsWith("timestamp")) {
      String text = rows.getString(column);
      return text == null ? null : text.replaceFirst(" ", "T");
    }
    if (type.equals("date") || type.startsWith("time")) {
      return rows.getString(column);
    }
    if (type.startsWith("decimal")) {
      return rows.getBigDecimal(column);
    }
    if (type.startsWith("varchar") || type.startsWith("char") || type.equals("uuid")) {
      return rows.getString(column);
    }
    if (type.equals("varbinary")) {
      byte[] bytes = rows.getBytes(column);
      return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }
    return plain(rows.getObject(column));
  }

  /**
   * Trino writes {@code 2025-01-31 12:00:00.000000 Europe/Paris}; ISO-8601 wants {@code
   * 2025-01-31T12:00:00.000000+01:00}.
   */
  private static String isoWithOffset(String text) {
    if (text == null) {
      return null;
    }
    int zoneStart = text.lastIndexOf(' ');
    if (zoneStart < 0) {
      return text;
    }
    String local = text.substring(0, zoneStart).replace(' ', 'T');
    try {
      ZoneId zone = ZoneId.of(text.substring(zoneStart + 1));
      return local + zone.getRules().getOffset(LocalDateTime.parse(local)).getId();
    } catch (DateTimeException unexpectedShape) {
      return text;
    }
  }

  private static Object plain(Object value) throws SQLException {
    return switch (value) {
      case null -> null;
      case Boolean flag -> flag;
      case Number number -> number;
      case String text -> text;
      case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
      case Array array -> plain(Arrays.asList((Object[]) array.getArray()));
      case List<?> list -> {
        List<Object> elements = new ArrayList<>(list.size());
        for (Object element : list) {
          elements.add(plain(element));
        }
        yield elements;
      }
      case Map<?, ?> map -> {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          entries.put(String.valueOf(entry.getKey()), plain(entry.getValue()));
        }
        yield entries;
      }
      case Row row -> {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RowField field : row.getFields()) {
          fields.put(field.getName().orElse("field" + field.getOrdinal()), plain(field.getValue()));
        }
        yield fields;
      }
      default -> value.toString();
    };
  }
}
