package io.tributary.platform.ingestion;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;

/**
 * Reads a batch as a stream: one record's JSON tree at a time is held, converted and dropped, so a
 * batch costs the memory of its Iceberg records, not of its text. Counts the bytes against the
 * limit as they arrive (a chunked body has no length to check up front) and hashes them, so a
 * retried batch can be told from a different one.
 */
final class BatchReader {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          // The request's stream belongs to the server, and the reader drains it after parsing.
          .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  private final Schema schema;
  private final IngestionLimits limits;
  private final RecordConverter converter;
  private final List<String> keyColumns;

  BatchReader(Schema schema, IngestionLimits limits) {
    this.schema = schema;
    this.limits = limits;
    this.converter = new RecordConverter(schema);
    this.keyColumns =
        schema.identifierFieldIds().stream().sorted().map(schema::findColumnName).toList();
  }

  /**
   * What was read: the records (empty when there are problems), every problem, and the SHA-256 of
   * the body's bytes.
   */
  record Batch(List<Record> records, int recordCount, Problems problems, String sha256) {}

  Batch read(InputStream body, BatchFormat format) {
    LimitedDigestStream stream = new LimitedDigestStream(body, limits.maxBytes());
    Problems problems = new Problems();
    List<Record> records = new ArrayList<>();
    Map<List<Object>, Integer> firstIndexOfKey = new HashMap<>();
    int index = 0;
    try (JsonParser parser = JSON.createParser(stream)) {
      JsonToken token = parser.nextToken();
      if (format == BatchFormat.JSON_ARRAY) {
        if (token != JsonToken.START_ARRAY) {
          throw new IngestionException.BadRequest(
              "An application/json batch is one JSON array of records, such as [{\"id\": 1}];"
                  + " the body starts with "
                  + (token == null ? "nothing" : "'" + parser.getText() + "'")
                  + ". Send one object per line as application/x-ndjson instead.");
        }
        token = parser.nextToken();
      }
      while (token != null && token != JsonToken.END_ARRAY) {
        if (index >= limits.maxRecords()) {
          throw new IngestionException.TooLarge(
              "The batch holds more than %d records, the limit (%s); split it into smaller batches"
                  .formatted(limits.maxRecords(), IngestionLimits.MAX_RECORDS_KEY));
        }
        JsonNode node = JSON.readTree(parser);
        String pointer = Problems.index("", index);
        int before = problems.count();
        Record record = converter.convert(node, pointer, problems);
        if (record != null && !keyColumns.isEmpty()) {
          checkKeyOnce(record, index, pointer, firstIndexOfKey, problems);
        }
        if (problems.count() == before && problems.count() == 0) {
          records.add(record);
        } else if (!records.isEmpty()) {
          // Nothing will be written: keep counting problems, stop keeping records.
          records = new ArrayList<>();
        }
        index++;
        token = parser.nextToken();
      }
      if (token == JsonToken.END_ARRAY && parser.nextToken() != null) {
        throw new IngestionException.BadRequest(
            "The body continues after its JSON array at %s; send one array per batch"
                .formatted(where(parser.currentTokenLocation())));
      }
      stream.drain();
    } catch (JsonProcessingException malformed) {
      throw new IngestionException.BadRequest(
          "The body is not valid %s at %s (record %d): %s"
              .formatted(
                  format == BatchFormat.JSON_ARRAY ? "JSON" : "NDJSON",
                  where(malformed.getLocation()),
                  index,
                  malformed.getOriginalMessage()));
    } catch (BodyTooLarge tooLarge) {
      throw new IngestionException.TooLarge(tooLargeMessage(limits.maxBytes()));
    } catch (IOException unreadable) {
      throw new UncheckedIOException("Reading the batch failed", unreadable);
    }
    if (index == 0 && problems.count() == 0) {
      throw new IngestionException.BadRequest("The batch holds no records");
    }
    return new Batch(problems.count() == 0 ? records : List.of(), index, problems, stream.sha256());
  }

  static String tooLargeMessage(long maxBytes) {
    return "The body is larger than %d bytes, the limit (%s); split the batch"
        .formatted(maxBytes, IngestionLimits.MAX_BYTES_KEY);
  }

  /**
   * A batch holds each key once: with two rows for one key, which one wins would depend on an order
   * the producer may not have meant, so both places are named and the batch is refused.
   */
  private void checkKeyOnce(
      Record record,
      int index,
      String pointer,
      Map<List<Object>, Integer> firstIndexOfKey,
      Problems problems) {
    List<Object> key = new ArrayList<>(keyColumns.size());
    for (String column : keyColumns) {
      key.add(record.getField(column));
    }
    Integer first = firstIndexOfKey.putIfAbsent(List.copyOf(key), index);
    if (first != null) {
      StringBuilder described = new StringBuilder();
      for (int position = 0; position < keyColumns.size(); position++) {
        described
            .append(position == 0 ? "" : ", ")
            .append(keyColumns.get(position))
            .append('=')
            .append(key.get(position));
      }
      problems.add(
          Problems.field(pointer, keyColumns.get(0)),
          "record %d has the same primary key (%s) as record %d; a batch holds each key once"
              .formatted(index, described, first));
    }
  }

  Schema schema() {
    return schema;
  }

  private static String where(JsonLocation location) {
    return location == null
        ? "an unknown place"
        : "line %d, column %d".formatted(location.getLineNr(), location.getColumnNr());
  }

  /** Thrown from inside the parser's reads; an IOException so Jackson passes it through. */
  private static final class BodyTooLarge extends IOException {
    BodyTooLarge() {
      super("body too large");
    }
  }

  /** Counts and hashes the bytes as the parser pulls them. */
  private static final class LimitedDigestStream extends FilterInputStream {
    private final long limit;
    private final MessageDigest digest;
    private long count;
    private boolean ended;

    LimitedDigestStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
      try {
        this.digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException impossible) {
        throw new IllegalStateException("every JDK has SHA-256", impossible);
      }
    }

    @Override
    public int read() throws IOException {
      if (ended) {
        return -1;
      }
      int next = super.read();
      ended = next < 0;
      if (next >= 0) {
        counted(1);
        digest.update((byte) next);
      }
      return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (ended) {
        return -1;
      }
      int read = super.read(buffer, offset, length);
      ended = read < 0;
      if (read > 0) {
        counted(read);
        digest.update(buffer, offset, read);
      }
      return read;
    }

    private void counted(int bytes) throws BodyTooLarge {
      count += bytes;
      if (count > limit) {
        throw new BodyTooLarge();
      }
    }

    /** Reads what the parser left (whitespace), so the hash covers the whole body. */
    void drain() throws IOException {
      byte[] buffer = new byte[8192];
      while (read(buffer, 0, buffer.length) >= 0) {
        // counted and hashed by read
      }
    }

    String sha256() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }
}
