package io.tributary.platform.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RowFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<ResultColumn> COLUMNS =
      List.of(
          new ResultColumn("id", "bigint"),
          new ResultColumn("name", "varchar"),
          new ResultColumn("amount", "decimal(20,2)"),
          new ResultColumn("ratio", "double"),
          new ResultColumn("tags", "array(varchar)"));

  @Test
  void csvQuotesWhatRfc4180RequiresAndTellsEmptyFromNull() throws IOException {
    String csv = write(RowFormat.CSV, rows());

    assertThat(csv)
        .isEqualTo(
            "id,name,amount,ratio,tags\r\n"
                + "1,\"Ada, \"\"the\"\" Countess\",12345678901234567.89,0.5,\"[\"\"a\"\",\"\"b\"\"]\"\r\n"
                + "2,\"line\nbreak\",,NaN,[]\r\n"
                + "3,\"\",0.00,,\r\n");
  }

  @Test
  void jsonHoldsColumnsRowsTokenAndTheSnapshotAsText() throws IOException {
    String text = write(RowFormat.JSON, rows());
    JsonNode json = JSON.readTree(text);

    assertThat(json.get("columns").get(2).get("type").asText()).isEqualTo("decimal(20,2)");
    assertThat(json.get("rows")).hasSize(3);
    assertThat(text).as("decimals keep every digit").contains(",12345678901234567.89,");
    assertThat(json.get("rows").get(1).get(3).asText()).isEqualTo("NaN");
    assertThat(json.get("rows").get(2).get(1).asText()).isEmpty();
    assertThat(json.get("rows").get(2).get(4).isNull()).isTrue();
    assertThat(json.get("nextPageToken").asText()).isEqualTo("next");
    assertThat(json.get("snapshotId").asText()).isEqualTo("9223372036854775807");
  }

  @Test
  void ndjsonIsOneObjectPerLine() throws IOException {
    String[] lines = write(RowFormat.NDJSON, rows()).split("\n", -1);

    assertThat(lines).hasSize(4);
    assertThat(lines[3]).isEmpty();
    JsonNode first = JSON.readTree(lines[0]);
    assertThat(first.get("name").asText()).isEqualTo("Ada, \"the\" Countess");
    assertThat(first.get("tags").get(1).asText()).isEqualTo("b");
    assertThat(JSON.readTree(lines[1]).get("name").asText()).isEqualTo("line\nbreak");
  }

  @Test
  void anEmptyPageStillNamesItsColumns() throws IOException {
    JsonNode json = JSON.readTree(write(RowFormat.JSON, new EmptyDataPage(COLUMNS)));

    assertThat(json.get("columns")).hasSize(5);
    assertThat(json.get("rows")).isEmpty();
    assertThat(json.get("nextPageToken").isNull()).isTrue();
    assertThat(json.get("snapshotId").isNull()).isTrue();
    assertThat(write(RowFormat.CSV, new EmptyDataPage(COLUMNS)))
        .isEqualTo("id,name,amount,ratio,tags\r\n");
  }

  @Test
  void formatsAreFoundByMediaType() {
    assertThat(RowFormat.forMediaType("text/csv")).contains(RowFormat.CSV);
    assertThat(RowFormat.forMediaType("application/x-ndjson")).contains(RowFormat.NDJSON);
    assertThat(RowFormat.forMediaType("application/xml")).isEmpty();
  }

  private static InMemoryPage rows() {
    return new InMemoryPage(
        List.of(
            List.of(
                1L,
                "Ada, \"the\" Countess",
                new BigDecimal("12345678901234567.89"),
                0.5,
                List.of("a", "b")),
            Arrays.asList(2L, "line\nbreak", null, Double.NaN, List.of()),
            Arrays.asList(3L, "", new BigDecimal("0.00"), null, null)));
  }

  private static String write(RowFormat format, DataPage page) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    format.write(page, output);
    return output.toString(StandardCharsets.UTF_8);
  }

  /** A page over rows in memory: the port's contract without an engine. */
  private static final class InMemoryPage implements DataPage {
    private final List<List<Object>> rows;
    private int current = -1;

    InMemoryPage(List<List<Object>> rows) {
      this.rows = new ArrayList<>(rows);
    }

    @Override
    public List<ResultColumn> columns() {
      return COLUMNS;
    }

    @Override
    public OptionalLong snapshotId() {
      return OptionalLong.of(Long.MAX_VALUE);
    }

    @Override
    public Optional<String> nextPageToken() {
      return Optional.of("next");
    }

    @Override
    public boolean next() {
      current++;
      return current < rows.size();
    }

    @Override
    public Object value(int column) {
      return rows.get(current).get(column);
    }

    @Override
    public void close() {}
  }
}
