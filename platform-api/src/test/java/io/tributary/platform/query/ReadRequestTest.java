package io.tributary.platform.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.policies.rowfilter.ColumnKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadRequestTest {
  private static final TableReference TABLE =
      new TableReference("lakehouse", "sales", "orders", List.of());

  @Test
  void absentParametersMeanEveryColumnNoFilterAHundredRowsCurrentVersionFirstPage() {
    ReadRequest request = ReadRequest.parse(null, "", " ", null, null);

    assertThat(request.columns()).isEmpty();
    assertThat(request.filter()).isEmpty();
    assertThat(request.limit()).isEqualTo(ReadRequest.DEFAULT_LIMIT);
    assertThat(request.asOf()).isEmpty();
    assertThat(request.pageToken()).isEmpty();
  }

  @Test
  void columnsAreTrimmedAndFoldedToTheEnginesLowerCase() {
    assertThat(ReadRequest.parse(" id, Region ,_hidden", null, null, null, null).columns())
        .containsExactly("id", "region", "_hidden");
  }

  @Test
  void columnsThatAreNotPlainNamesOrRepeatAreRefused() {
    for (String columns :
        List.of("id;drop table x", "id,", "\"id\"", "1st", "id,ID", "a b", "id,,name")) {
      assertThatThrownBy(() -> ReadRequest.parse(columns, null, null, null, null))
          .as(columns)
          .isInstanceOfSatisfying(
              InvalidParameterException.class,
              invalid -> assertThat(invalid.parameter()).isEqualTo("columns"));
    }
  }

  @Test
  void limitIsAWholeNumberFromOneToTenThousand() {
    assertThat(ReadRequest.parse(null, null, "1", null, null).limit()).isEqualTo(1);
    assertThat(ReadRequest.parse(null, null, "10000", null, null).limit()).isEqualTo(10_000);
    for (String limit : List.of("0", "10001", "-1", "1.5", "ten", "99999999999", "0x10")) {
      assertThatThrownBy(() -> ReadRequest.parse(null, null, limit, null, null))
          .as(limit)
          .isInstanceOfSatisfying(
              InvalidParameterException.class,
              invalid -> assertThat(invalid.parameter()).isEqualTo("limit"));
    }
  }

  @Test
  void asOfIsAnInstantWithAnOffsetOrASnapshotId() {
    assertThat(ReadRequest.parse(null, null, null, "2025-01-31T13:00:00+01:00", null).asOf())
        .contains(new AsOf.AtInstant(Instant.parse("2025-01-31T12:00:00Z")));
    assertThat(ReadRequest.parse(null, null, null, "snapshot:8744736658442914487", null).asOf())
        .contains(new AsOf.AtSnapshot(8744736658442914487L));
    for (String asOf :
        List.of(
            "yesterday",
            "2025-01-31",
            "2025-01-31T12:00:00",
            "snapshot:",
            "snapshot:12a",
            "snapshot:99999999999999999999",
            "2025-01-31T12:00:00Z' OR 1=1")) {
      assertThatThrownBy(() -> ReadRequest.parse(null, null, null, asOf, null))
          .as(asOf)
          .isInstanceOfSatisfying(
              InvalidParameterException.class,
              invalid -> assertThat(invalid.parameter()).isEqualTo("asOf"));
    }
  }

  @Test
  void identityTellsReadsApartByTableColumnsFilterAndVersionButNotByPageSize() {
    String base = ReadRequest.parse("id,name", null, "10", null, null).identity(TABLE);

    assertThat(ReadRequest.parse("id,name", null, "500", null, null).identity(TABLE))
        .isEqualTo(base);
    assertThat(ReadRequest.parse("name,id", null, "10", null, null).identity(TABLE))
        .isNotEqualTo(base);
    assertThat(ReadRequest.parse("id,name", "id = 1", "10", null, null).identity(TABLE))
        .isNotEqualTo(base);
    assertThat(ReadRequest.parse("id,name", null, "10", "snapshot:1", null).identity(TABLE))
        .isNotEqualTo(base);
    assertThat(
            ReadRequest.parse("id,name", null, "10", null, null)
                .identity(new TableReference("lakehouse", "sales", "returns", List.of())))
        .isNotEqualTo(base);
  }

  @Test
  void filterIsParsedCheckedAgainstVisibleColumnsAndBoundAsParameters() {
    FilterCompiler compiler = new RowFilterCompiler();
    Map<String, ColumnKind> columns = Map.of("id", ColumnKind.INTEGER, "name", ColumnKind.STRING);

    assertThat(compiler.compile("", columns)).isEqualTo(SqlFragment.EMPTY);
    SqlFragment fragment = compiler.compile("id > 3 AND name LIKE 'a%'", columns);
    assertThat(fragment.sql()).doesNotContain("a%").contains("\"id\"").contains("?");
    assertThat(fragment.parameters()).containsExactly(3L, "a%");
    assertThatThrownBy(() -> compiler.compile("secret = 'x'", columns))
        .isInstanceOfSatisfying(
            InvalidParameterException.class,
            invalid -> {
              assertThat(invalid.parameter()).isEqualTo("filter");
              assertThat(invalid.getMessage()).startsWith("position 1: ").contains("secret");
            });
    assertThatThrownBy(() -> compiler.compile("id = 1; DROP TABLE x", columns))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("position 7");
  }

  @Test
  void tableReferencesQuoteEveryPartAndNameMetadataTables() {
    assertThat(TABLE.qualifiedName()).isEqualTo("\"lakehouse\".\"sales\".\"orders\"");
    assertThat(TABLE.metadataTable("history"))
        .isEqualTo("\"lakehouse\".\"sales\".\"orders$history\"");
    assertThatThrownBy(() -> new TableReference("lakehouse", "sales\"; --", "x", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Identifiers.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(TABLE.displayName()).isEqualTo("lakehouse.sales.orders");
  }
}
