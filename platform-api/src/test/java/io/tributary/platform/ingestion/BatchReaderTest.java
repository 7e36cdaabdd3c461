package io.tributary.platform.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.platform.declaration.Column;
import io.tributary.platform.declaration.ColumnType;
import io.tributary.platform.declaration.IcebergMapping;
import io.tributary.platform.declaration.Table;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;

/** Reading and validating batches, without Quarkus or a table: the contract is a declared table. */
class BatchReaderTest {
  private static final IngestionLimits LIMITS =
      new IngestionLimits(1000, 1 << 20, Duration.ofHours(24), 1000);

  /** A column of every kind the declarations know, the key first. */
  private static final Schema EVERY_TYPE =
      IcebergMapping.toSchema(
          new Table(
              List.of(
                  Column.required("id", ColumnType.parse("long")),
                  Column.optional("flag", ColumnType.parse("boolean")),
                  Column.optional("count", ColumnType.parse("int")),
                  Column.optional("ratio", ColumnType.parse("float")),
                  Column.optional("score", ColumnType.parse("double")),
                  Column.optional("price", ColumnType.parse("decimal(6,2)")),
                  Column.optional("day", ColumnType.parse("date")),
                  Column.optional("at", ColumnType.parse("time")),
                  Column.optional("local", ColumnType.parse("timestamp")),
                  Column.optional("instant", ColumnType.parse("timestamptz")),
                  Column.required("name", ColumnType.parse("string")),
                  Column.optional("token", ColumnType.parse("uuid")),
                  Column.optional("blob", ColumnType.parse("binary")),
                  Column.optional("code", ColumnType.parse("fixed[2]")),
                  Column.optional("tags", ColumnType.parse("list<string>")),
                  Column.optional("counts", ColumnType.parse("map<string,int>")),
                  Column.optional("by_day", ColumnType.parse("map<int,string>")),
                  Column.optional(
                      "device", ColumnType.parse("struct<type:string,size:struct<w:int,h:int>>"))),
              List.of("id"),
              List.of(),
              List.of(),
              Map.of()));

  @Test
  void aGoodRecordOfEveryTypeBecomesIcebergValues() {
    BatchReader.Batch batch =
        read(
            """
            [{"id": 1, "flag": true, "count": -7, "ratio": 0.5, "score": 1e300,
              "price": 1234.5, "day": "2025-01-31", "at": "13:45:00.123456",
              "local": "2025-01-31T13:45:00", "instant": "2025-01-31T14:45:00+01:00",
              "name": "Ada", "token": "0f8fad5b-d9cb-469f-a165-70867728950e",
              "blob": "AAEC", "code": "AQI=", "tags": ["a", null, "c"],
              "counts": {"x": 1, "y": null}, "by_day": {"3": "wed"},
              "device": {"type": "mobile", "size": {"w": 3}}},
             {"id": 2, "name": "Bo", "price": "0.05"}]
            """);
    assertThat(batch.problems().listed()).isEmpty();
    assertThat(batch.records()).hasSize(2);
    Record first = batch.records().get(0);
    assertThat(first.getField("id")).isEqualTo(1L);
    assertThat(first.getField("flag")).isEqualTo(true);
    assertThat(first.getField("count")).isEqualTo(-7);
    assertThat(first.getField("ratio")).isEqualTo(0.5f);
    assertThat(first.getField("score")).isEqualTo(1e300);
    assertThat(first.getField("price")).isEqualTo(new BigDecimal("1234.50"));
    assertThat(first.getField("day")).isEqualTo(LocalDate.of(2025, 1, 31));
    assertThat(first.getField("at")).isEqualTo(LocalTime.of(13, 45, 0, 123_456_000));
    assertThat(first.getField("local")).isEqualTo(LocalDateTime.of(2025, 1, 31, 13, 45));
    assertThat(first.getField("instant"))
        .isEqualTo(OffsetDateTime.parse("2025-01-31T14:45:00+01:00"));
    assertThat(first.getField("name")).isEqualTo("Ada");
    assertThat(first.getField("token"))
        .isEqualTo(UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"));
    assertThat(first.getField("blob")).isEqualTo(ByteBuffer.wrap(new byte[] {0, 1, 2}));
    assertThat((byte[]) first.getField("code")).containsExactly(1, 2);
    assertThat(first.getField("tags")).isEqualTo(java.util.Arrays.asList("a", null, "c"));
    assertThat(first.getField("counts").toString()).isEqualTo("{x=1, y=null}");
    assertThat(first.getField("by_day")).isEqualTo(Map.of(3, "wed"));
    Record device = (Record) first.getField("device");
    assertThat(device.getField("type")).isEqualTo("mobile");
    assertThat(((Record) device.getField("size")).getField("w")).isEqualTo(3);
    assertThat(((Record) device.getField("size")).getField("h")).isNull();
    assertThat(batch.records().get(1).getField("price")).isEqualTo(new BigDecimal("0.05"));
    assertThat(batch.records().get(1).getField("flag")).isNull();
    assertThat(batch.sha256()).hasSize(64);
  }

  @Test
  void everyProblemIsReportedWithAPointerIntoTheBatchAndNoRecordIsKept() {
    BatchReader.Batch batch =
        read(
            """
            [{"id": 1, "name": "fine"},
             {"id": 2, "nmae": "typo"},
             {"id": null, "name": 3},
             {"id": 4.5, "name": "x", "count": 2147483648, "ratio": 1e39, "score": 1e400},
             {"id": 5, "name": "x", "price": 12.345, "day": "31.01.2025"},
             {"id": 6, "name": "x", "price": 12345.6, "local": "2025-01-31T13:45:00Z",
              "instant": "2025-01-31T13:45:00", "token": "not-a-uuid", "blob": "***",
              "code": "AQID", "flag": "yes"},
             {"id": 7, "name": "x", "tags": ["a", 2], "counts": {"a/b": "many"},
              "by_day": {"monday": "x"}, "device": {"type": "tv", "colour": "red"}},
             {"id": 8, "name": "x", "device": "tv", "tags": "a"},
             "not an object",
             {"id": 1, "name": "again"}]
            """);
    assertThat(batch.records()).isEmpty();
    assertThat(problems(batch))
        .containsExactly(
            "/1/nmae: unknown field: the contract has no column 'nmae'",
            "/1/name: missing required field 'name'",
            "/2/id: 'id' is required and may not be null",
            "/2/name: expected a string, got the number 3",
            "/3/id: expected a long, got the fraction 4.5",
            "/3/count: 2147483648 is out of range for int (from -2147483648 to 2147483647);"
                + " use a long column",
            "/3/ratio: 1E+39 is out of range for float (32 bits); use a double column",
            "/3/score: 1E+400 is out of range for double (64 bits); use a decimal column",
            "/4/price: 12.345 has more than 2 decimal places, which decimal(6,2) cannot hold"
                + " without rounding",
            "/4/day: expected a date such as 2025-01-31, got the string \"31.01.2025\"",
            "/5/flag: expected a boolean (true or false), got the string \"yes\"",
            "/5/price: 12345.6 does not fit decimal(6,2): at most 4 digits before the decimal"
                + " point",
            "/5/local: expected a timestamp without an offset such as 2025-01-31T13:45:00, got"
                + " the string \"2025-01-31T13:45:00Z\"",
            "/5/instant: expected a timestamp with an offset such as 2025-01-31T13:45:00Z or"
                + " 2025-01-31T14:45:00+01:00, got the string \"2025-01-31T13:45:00\"",
            "/5/token: expected a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e, got the"
                + " string \"not-a-uuid\"",
            "/5/blob: expected base64 text (RFC 4648, with padding), got the string \"***\"",
            "/5/code: fixed[2] holds exactly 2 bytes, got 3",
            "/6/tags/1: expected a string, got the number 2",
            "/6/counts/a~1b: expected an int, got the string \"many\"",
            "/6/by_day/monday: the map key 'monday' is not a valid int",
            "/6/device/colour: unknown field: the struct has only [type, size]",
            "/7/tags: expected a JSON array, got the string \"a\"",
            "/7/device: expected a JSON object for the struct, got the string \"tv\"",
            "/8: a record is a JSON object, got the string \"not an object\"",
            "/9/id: record 9 has the same primary key (id=1) as record 0; a batch holds each key"
                + " once");
    assertThat(batch.problems().count()).isEqualTo(25);
  }

  @Test
  void theFirstHundredProblemsAreListedAndAllAreCounted() {
    String body =
        IntStream.range(0, 250)
            .mapToObj(index -> "{\"id\": \"%d\", \"name\": \"x\"}".formatted(index))
            .collect(Collectors.joining("\n"));
    BatchReader.Batch batch = read(body, BatchFormat.NDJSON);
    assertThat(batch.problems().count()).isEqualTo(250);
    assertThat(batch.problems().listed()).hasSize(Problems.LISTED);
    assertThat(batch.problems().listed().get(99).pointer()).isEqualTo("/99/id");
    IngestionException.InvalidRecords refused =
        new IngestionException.InvalidRecords(batch.problems().listed(), batch.problems().count());
    assertThat(refused.getMessage())
        .isEqualTo("The batch has 250 problems (the first 100 listed); nothing was written");
  }

  @Test
  void ndjsonIsOneObjectPerLineWithBlankLinesIgnored() {
    BatchReader.Batch batch =
        read("{\"id\": 1, \"name\": \"a\"}\n\n{\"id\": 2, \"name\": \"b\"}\n", BatchFormat.NDJSON);
    assertThat(batch.records()).extracting(record -> record.getField("id")).containsExactly(1L, 2L);
    assertThat(batch.recordCount()).isEqualTo(2);
  }

  @Test
  void theSameBytesHashTheSameAndOtherBytesDo() {
    String body = "[{\"id\": 1, \"name\": \"a\"}]";
    assertThat(read(body).sha256()).isEqualTo(read(body).sha256());
    assertThat(read(body + " ").sha256()).isNotEqualTo(read(body).sha256());
  }

  @Test
  void aBodyThatIsNotABatchIsABadRequestNamingWhere() {
    assertThatThrownBy(() -> read("{\"id\": 1, \"name\": \"a\"}"))
        .isInstanceOf(IngestionException.BadRequest.class)
        .hasMessageContaining("one JSON array of records")
        .hasMessageContaining("application/x-ndjson");
    assertThatThrownBy(() -> read("[{\"id\": 1, \"name\": \"a\"},\n {\"id\": 2,, }]"))
        .isInstanceOf(IngestionException.BadRequest.class)
        .hasMessageStartingWith("The body is not valid JSON at line 2, column")
        .hasMessageContaining("(record 1)");
    assertThatThrownBy(() -> read("[{\"id\": 1, \"name\": \"a\", \"id\": 2}]"))
        .isInstanceOf(IngestionException.BadRequest.class)
        .hasMessageContaining("Duplicate field 'id'");
    assertThatThrownBy(() -> read("[{\"id\": 1, \"name\": \"a\"}] [ ]"))
        .isInstanceOf(IngestionException.BadRequest.class)
        .hasMessageContaining("continues after its JSON array");
    assertThatThrownBy(() -> read("[]"))
        .isInstanceOf(IngestionException.BadRequest.class)
        .hasMessage("The batch holds no records");
  }

  @Test
  void tooManyRecordsOrBytesIsRefusedNamingTheLimit() {
    IngestionLimits small = new IngestionLimits(3, 200, Duration.ofHours(1), 10);
    String fourRecords =
        "[{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":\"a\"},{\"id\":3,\"name\":\"a\"},"
            + "{\"id\":4,\"name\":\"a\"}]";
    assertThatThrownBy(() -> read(fourRecords, BatchFormat.JSON_ARRAY, small))
        .isInstanceOf(IngestionException.TooLarge.class)
        .hasMessage(
            "The batch holds more than 3 records, the limit (tributary.ingestion.max-records);"
                + " split it into smaller batches");
    String tooLong = "[{\"id\":1,\"name\":\"" + "a".repeat(200) + "\"}]";
    assertThatThrownBy(() -> read(tooLong, BatchFormat.JSON_ARRAY, small))
        .isInstanceOf(IngestionException.TooLarge.class)
        .hasMessage(
            "The body is larger than 200 bytes, the limit (tributary.ingestion.max-bytes);"
                + " split the batch");
  }

  /** The server's request stream refuses reads once closed, as Quarkus's does. */
  @Test
  void theRequestStreamIsReadToItsEndAndLeftOpen() {
    byte[] body = "[{\"id\": 1, \"name\": \"a\"}]  \n".getBytes(StandardCharsets.UTF_8);
    boolean[] closed = {false};
    InputStream request =
        new ByteArrayInputStream(body) {
          @Override
          public synchronized int read(byte[] buffer, int offset, int length) {
            if (closed[0]) {
              throw new UncheckedIOException(new IOException("Stream is closed"));
            }
            return super.read(buffer, offset, length);
          }

          @Override
          public void close() {
            closed[0] = true;
          }
        };
    BatchReader.Batch batch =
        new BatchReader(EVERY_TYPE, LIMITS).read(request, BatchFormat.JSON_ARRAY);
    assertThat(batch.records()).hasSize(1);
    assertThat(closed[0]).isFalse();
    assertThat(batch.sha256())
        .isEqualTo(
            new BatchReader(EVERY_TYPE, LIMITS)
                .read(new ByteArrayInputStream(body), BatchFormat.JSON_ARRAY)
                .sha256());
  }

  private static List<String> problems(BatchReader.Batch batch) {
    return batch.problems().listed().stream()
        .map(problem -> problem.pointer() + ": " + problem.message())
        .toList();
  }

  private static BatchReader.Batch read(String body) {
    return read(body, BatchFormat.JSON_ARRAY);
  }

  private static BatchReader.Batch read(String body, BatchFormat format) {
    return read(body, format, LIMITS);
  }

  private static BatchReader.Batch read(String body, BatchFormat format, IngestionLimits limits) {
    return new BatchReader(EVERY_TYPE, limits)
        .read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), format);
  }
}
