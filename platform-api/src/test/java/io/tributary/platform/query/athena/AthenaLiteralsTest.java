package io.tributary.platform.query.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Bound values as the literal text Athena pastes into the statement. */
class AthenaLiteralsTest {

  @Test
  void everyFilterValueBecomesATypedLiteral() {
    assertThat(AthenaLiterals.render(null)).isEqualTo("NULL");
    assertThat(AthenaLiterals.render(true)).isEqualTo("TRUE");
    assertThat(AthenaLiterals.render(false)).isEqualTo("FALSE");
    assertThat(AthenaLiterals.render(-42L)).isEqualTo("-42");
    assertThat(AthenaLiterals.render(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
    assertThat(AthenaLiterals.render(new BigDecimal("12.50"))).isEqualTo("DECIMAL '12.50'");
    assertThat(AthenaLiterals.render(new BigDecimal("1E+3"))).isEqualTo("DECIMAL '1000'");
    assertThat(AthenaLiterals.render(1.5d)).isEqualTo("DOUBLE '1.5'");
    assertThat(AthenaLiterals.render(LocalDate.of(1815, 12, 10))).isEqualTo("DATE '1815-12-10'");
    assertThat(AthenaLiterals.render(LocalDateTime.of(2025, 1, 31, 12, 0, 0, 123_456_000)))
        .isEqualTo("TIMESTAMP '2025-01-31 12:00:00.123456'");
    assertThat(AthenaLiterals.render(LocalDateTime.of(2025, 1, 31, 12, 0)))
        .isEqualTo("TIMESTAMP '2025-01-31 12:00:00.000000'");
    assertThat(AthenaLiterals.render("2025-01-31T12:00:00Z")).isEqualTo("'2025-01-31T12:00:00Z'");
  }

  @Test
  void quotesInStringsAreDoubledSoNoValueEndsItsLiteral() {
    assertThat(AthenaLiterals.render("O'Brien")).isEqualTo("'O''Brien'");
    assertThat(AthenaLiterals.render("x' OR '1'='1")).isEqualTo("'x'' OR ''1''=''1'");
    assertThat(AthenaLiterals.render("'; DROP TABLE t; --")).isEqualTo("'''; DROP TABLE t; --'");
    // A backslash is no escape in Trino's SQL: it stays one character inside the literal.
    assertThat(AthenaLiterals.render("a\\' OR 1=1 --")).isEqualTo("'a\\'' OR 1=1 --'");
    assertThat(AthenaLiterals.render("?")).isEqualTo("'?'");
    assertThat(AthenaLiterals.render("")).isEqualTo("''");
    assertThat(AthenaLiterals.render("línea\nnueva")).isEqualTo("'línea\nnueva'");
  }

  @Test
  void valuesNoLiteralCarriesSafelyAreRefused() {
    assertThatThrownBy(() -> AthenaLiterals.render("a\u0000b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUL");
    assertThatThrownBy(() -> AthenaLiterals.render(LocalDate.of(10_000, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 to 9999");
    assertThatThrownBy(() -> AthenaLiterals.render(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Double");
    assertThatThrownBy(() -> AthenaLiterals.render(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be bound");
  }
}
