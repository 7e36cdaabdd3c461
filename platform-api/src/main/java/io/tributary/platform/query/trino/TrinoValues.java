package io.tributary.platform.query.trino;

import io.tributary.platform.query.EngineText;
import io.trino.jdbc.Row;
import io.trino.jdbc.RowField;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
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

  /** The value of a column (from 1) of the current row. */
  static Object read(ResultSet rows, int column, String trinoType) throws SQLException {
    String type = trinoType.toLowerCase(Locale.ROOT);
    if (type.startsWith("time") || type.equals("date")) {
      return EngineText.temporal(rows.getString(column), type);
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
