package io.tributary.platform.query;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The formats a page is served in, each written row by row as the page is read. Snapshot ids are
 * written as strings: they use all 64 bits, more than a JavaScript number holds exactly.
 */
public enum RowFormat {
  /** {@code {"columns":[{"name","type"}],"rows":[[...]],"nextPageToken":...,"snapshotId":...}}. */
  JSON("application/json") {
    @Override
    public void write(DataPage page, OutputStream output) throws IOException {
      try (JsonGenerator json = JSON_FACTORY.createGenerator(output, JsonEncoding.UTF8)) {
        json.writeStartObject();
        json.writeArrayFieldStart("columns");
        for (ResultColumn column : page.columns()) {
          json.writeStartObject();
          json.writeStringField("name", column.name());
          json.writeStringField("type", column.type());
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("rows");
        int width = page.columns().size();
        while (page.next()) {
          json.writeStartArray();
          for (int column = 0; column < width; column++) {
            writeJsonValue(json, page.value(column));
          }
          json.writeEndArray();
        }
        json.writeEndArray();
        json.writeStringField("nextPageToken", page.nextPageToken().orElse(null));
        json.writeFieldName("snapshotId");
        if (page.snapshotId().isPresent()) {
          json.writeString(Long.toString(page.snapshotId().getAsLong()));
        } else {
          json.writeNull();
        }
        json.writeEndObject();
      }
    }
  },

  /** RFC 4180: a header row, then one record per row, CRLF line ends; null is an empty field. */
  CSV("text/csv") {
    @Override
    public void write(DataPage page, OutputStream output) throws IOException {
      Writer csv =
          new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 16 * 1024);
      List<ResultColumn> columns = page.columns();
      for (int column = 0; column < columns.size(); column++) {
        if (column > 0) {
          csv.write(',');
        }
        writeCsvField(csv, columns.get(column).name());
      }
      csv.write("\r\n");
      while (page.next()) {
        for (int column = 0; column < columns.size(); column++) {
          if (column > 0) {
            csv.write(',');
          }
          Object value = page.value(column);
          if (value != null) {
            writeCsvField(csv, csvText(value));
          }
        }
        csv.write("\r\n");
      }
      csv.flush();
    }
  },

  /** One JSON object per row and line, keyed by column name. */
  NDJSON("application/x-ndjson") {
    @Override
    public void write(DataPage page, OutputStream output) throws IOException {
      try (JsonGenerator json = JSON_FACTORY.createGenerator(output, JsonEncoding.UTF8)) {
        json.setRootValueSeparator(null);
        List<ResultColumn> columns = page.columns();
        while (page.next()) {
          json.writeStartObject();
          for (int column = 0; column < columns.size(); column++) {
            json.writeFieldName(columns.get(column).name());
            writeJsonValue(json, page.value(column));
          }
          json.writeEndObject();
          json.writeRaw('\n');
        }
      }
    }
  };

  private static final JsonFactory JSON_FACTORY =
      JsonFactory.builder()
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          // The HTTP layer owns the response stream and closes it.
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private final String mediaType;

  RowFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The media type clients ask for in {@code Accept}. */
  public String mediaType() {
    return mediaType;
  }

  /** The format for a media type such as {@code text/csv}, ignoring its parameters. */
  public static Optional<RowFormat> forMediaType(String type) {
    for (RowFormat format : values()) {
      if (format.mediaType.equalsIgnoreCase(type)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** Writes every remaining row of the page; does not close the output. */
  public abstract void write(DataPage page, OutputStream output) throws IOException;

  private static void writeJsonValue(JsonGenerator json, Object value) throws IOException {
    switch (value) {
      case null -> json.writeNull();
      case Boolean flag -> json.writeBoolean(flag);
      case BigDecimal decimal -> json.writeNumber(decimal);
      case BigInteger integer -> json.writeNumber(integer);
      case Double number when !Double.isFinite(number) -> json.writeString(number.toString());
      case Float number when !Float.isFinite(number) -> json.writeString(number.toString());
      case Double number -> json.writeNumber(number);
      case Float number -> json.writeNumber(number);
      case Number number -> json.writeNumber(number.longValue());
      case List<?> list -> {
        json.writeStartArray();
        for (Object element : list) {
          writeJsonValue(json, element);
        }
        json.writeEndArray();
      }
      case Map<?, ?> map -> {
        json.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          json.writeFieldName(String.valueOf(entry.getKey()));
          writeJsonValue(json, entry.getValue());
        }
        json.writeEndObject();
      }
      default -> json.writeString(value.toString());
    }
  }

  private static String csvText(Object value) throws IOException {
    return switch (value) {
      case BigDecimal decimal -> decimal.toPlainString();
      case List<?> ignored -> nestedAsJson(value);
      case Map<?, ?> ignored -> nestedAsJson(value);
      default -> value.toString();
    };
  }

  /** A CSV field has no structure, so a nested value travels as its JSON text. */
  private static String nestedAsJson(Object value) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON_FACTORY.createGenerator(text)) {
      writeJsonValue(json, value);
    }
    return text.toString();
  }

  private static void writeCsvField(Writer csv, String text) throws IOException {
    // An empty string is quoted so that it reads back differently from null, an empty field.
    boolean quoted =
        text.isEmpty()
            || text.indexOf(',') >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\r') >= 0
            || text.indexOf('\n') >= 0;
    if (!quoted) {
      csv.write(text);
      return;
    }
    csv.write('"');
    csv.write(text.replace("\"", "\"\""));
    csv.write('"');
  }
}
