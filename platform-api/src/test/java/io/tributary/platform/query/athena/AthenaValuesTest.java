package io.tributary.platform.query.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.ColumnInfo;

/** {@code GetQueryResults}' text values and column types, read as the Trino engine reads them. */
class AthenaValuesTest {

  private static ColumnInfo column(String type, int precision, int scale) {
    return ColumnInfo.builder().name("c").type(type).precision(precision).scale(scale).build();
  }

  @Test
  void typesAreNamedAsTrinoNamesThem() {
    assertThat(AthenaValues.typeName(column("decimal", 10, 2))).isEqualTo("decimal(10,2)");
    assertThat(AthenaValues.typeName(column("varchar", Integer.MAX_VALUE, 0))).isEqualTo("varchar");
    assertThat(AthenaValues.typeName(column("varchar", 12, 0))).isEqualTo("varchar(12)");
    assertThat(AthenaValues.typeName(column("timestamp", 6, 0))).isEqualTo("timestamp(6)");
    assertThat(AthenaValues.typeName(column("timestamp with time zone", 6, 0)))
        .isEqualTo("timestamp(6) with time zone");
    assertThat(AthenaValues.typeName(column("timestamp", 0, 0))).isEqualTo("timestamp");
    assertThat(AthenaValues.typeName(column("int", 10, 0))).isEqualTo("integer");
    assertThat(AthenaValues.typeName(column("float", 17, 0))).isEqualTo("real");
    assertThat(AthenaValues.typeName(column("BIGINT", 19, 0))).isEqualTo("bigint");
    assertThat(AthenaValues.typeName(column("array", 0, 0))).isEqualTo("array");
  }

  @Test
  void scalarsBecomeTypedValues() {
    assertThat(AthenaValues.read("true", "boolean")).isEqualTo(true);
    assertThat(AthenaValues.read("-7", "tinyint")).isEqualTo(-7L);
    assertThat(AthenaValues.read("9223372036854775807", "bigint")).isEqualTo(Long.MAX_VALUE);
    assertThat(AthenaValues.read("1.5", "real")).isEqualTo(1.5f);
    assertThat(AthenaValues.read("1.0E10", "double")).isEqualTo(1.0e10);
    assertThat(AthenaValues.read("NaN", "double")).isEqualTo(Double.NaN);
    assertThat(AthenaValues.read("-Infinity", "double")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(AthenaValues.read("12.50", "decimal(10,2)")).isEqualTo(new BigDecimal("12.50"));
    assertThat(AthenaValues.read("", "varchar")).isEqualTo("");
    assertThat(AthenaValues.read(null, "varchar")).isNull();
    assertThat(AthenaValues.read(null, "bigint")).isNull();
  }

  @Test
  void temporalValuesAreIso8601AndBytesBase64() {
    assertThat(AthenaValues.read("1815-12-10", "date")).isEqualTo("1815-12-10");
    assertThat(AthenaValues.read("2025-01-31 12:00:00.123456", "timestamp(6)"))
        .isEqualTo("2025-01-31T12:00:00.123456");
    assertThat(AthenaValues.read("2025-01-31 13:30:00.000000 UTC", "timestamp(6) with time zone"))
        .isEqualTo("2025-01-31T13:30:00.000000Z");
    assertThat(
            AthenaValues.read(
                "2025-01-31 13:30:00.000000 Europe/Paris", "timestamp(6) with time zone"))
        .isEqualTo("2025-01-31T13:30:00.000000+01:00");
    assertThat(AthenaValues.read("61 62 63", "varbinary")).isEqualTo("YWJj");
  }

  @Test
  void nestedValuesStayAthenasText() {
    assertThat(AthenaValues.read("[1, 2]", "array")).isEqualTo("[1, 2]");
    assertThat(AthenaValues.read("{a=1}", "map")).isEqualTo("{a=1}");
    assertThat(AthenaValues.read("{x=1, y=b}", "row")).isEqualTo("{x=1, y=b}");
  }

  @Test
  void textThatIsNotOfItsTypeIsAClearError() {
    assertThatThrownBy(() -> AthenaValues.read("twelve", "bigint"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'twelve'")
        .hasMessageContaining("bigint");
  }
}
