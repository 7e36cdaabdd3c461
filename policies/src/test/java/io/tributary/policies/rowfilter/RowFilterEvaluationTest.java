package io.tributary.policies.rowfilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowFilterEvaluationTest {

  /** A row with a = 1, b = 'x' and n NULL, the values the three-valued cases below are read on. */
  private static Map<String, Object> rowWithNull() {
    Map<String, Object> row = new HashMap<>();
    row.put("a", 1L);
    row.put("b", "x");
    row.put("n", null);
    return row;
  }

  @ParameterizedTest(name = "[{index}] {0} is {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          n = 1                                 | UNKNOWN
          n <> 1                                | UNKNOWN
          NOT n = 1                             | UNKNOWN
          n IN (1, 2)                           | UNKNOWN
          n NOT IN (1, 2)                       | UNKNOWN
          n BETWEEN 1 AND 2                     | UNKNOWN
          n NOT BETWEEN 1 AND 2                 | UNKNOWN
          n LIKE '%'                            | UNKNOWN
          n NOT LIKE '%'                        | UNKNOWN
          n IS NULL                             | TRUE
          n IS NOT NULL                         | FALSE
          NOT n IS NULL                         | FALSE
          a IS NULL                             | FALSE
          n = 1 AND a = 1                       | UNKNOWN
          n = 1 AND a = 2                       | FALSE
          a = 2 AND n = 1                       | FALSE
          n = 1 OR a = 1                        | TRUE
          n = 1 OR a = 2                        | UNKNOWN
          NOT (n = 1 OR a = 2)                  | UNKNOWN
          NOT (n = 1 AND a = 2)                 | TRUE
          (n = 1 OR a = 1) AND b = 'x'          | TRUE
          n = 1 OR n IS NULL                    | TRUE
          NOT NOT n = 1                         | UNKNOWN
          a = 1 AND b = 'x'                     | TRUE
          a = 1 AND NOT b = 'x'                 | FALSE
          """)
  void followsThreeValuedLogic(String text, TruthValue expected) {
    RowFilter filter = RowFilter.parse(text);

    assertThat(filter.evaluate(rowWithNull())).isEqualTo(expected);
    assertThat(filter.matches(rowWithNull())).isEqualTo(expected == TruthValue.TRUE);
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' LIKE ''{1}'' is {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          abc          | a%          | true
          abc          | _b_         | true
          abc          | %c          | true
          abc          | %b          | false
          abc          | abc         | true
          abc          | ab          | false
          abc          | abcd        | false
          abc          | ABC         | false
          ``           | %           | true
          ``           | _           | false
          ``           | ``          | true
          a%c          | a%c         | true
          aXYc         | a%c         | true
          aXYc         | a_c         | false
          mississippi  | %iss%ipp%   | true
          mississippi  | %iss%ipx%   | false
          abc          | abc%%       | true
          abc          | %%%         | true
          a\\b         | a\\_        | true
          😀x          | _x          | true
          x😀          | x_          | true
          aaa          | %a%a%a%a    | false
          """)
  void matchesLikePatterns(String value, String pattern, boolean expected) {
    assertThat(LikePattern.matches(value, pattern)).isEqualTo(expected);
    assertThat(
            RowFilter.parse("s LIKE '" + pattern.replace("'", "''") + "'")
                .matches(Map.of("s", value)))
        .isEqualTo(expected);
    assertThat(RowFilter.parse("s NOT LIKE '" + pattern + "'").matches(Map.of("s", value)))
        .isEqualTo(!expected);
  }

  @Test
  void likeAcrossLinesTreatsNewlinesAsCharacters() {
    assertThat(RowFilter.parse("s LIKE 'a_b%'").matches(Map.of("s", "a\nb\n"))).isTrue();
  }

  @Test
  void comparesNumbersByValueWhateverTheirJavaType() {
    RowFilter filter = RowFilter.parse("q = 2.50");

    assertThat(filter.matches(Map.of("q", new BigDecimal("2.5")))).isTrue();
    assertThat(filter.matches(Map.of("q", 2))).isFalse();
    assertThat(RowFilter.parse("q < 2.5").matches(Map.of("q", 2))).isTrue();
    assertThat(RowFilter.parse("q = 2").matches(Map.of("q", (byte) 2))).isTrue();
    assertThat(RowFilter.parse("q = 2").matches(Map.of("q", (short) 2))).isTrue();
    assertThat(RowFilter.parse("q = 2").matches(Map.of("q", BigInteger.TWO))).isTrue();
    assertThat(
            RowFilter.parse("q > 9223372036854775807")
                .matches(Map.of("q", new BigDecimal("9223372036854775807.5"))))
        .isTrue();
    assertThat(RowFilter.parse("q = -9223372036854775808").matches(Map.of("q", Long.MIN_VALUE)))
        .isTrue();
  }

  @Test
  void comparesFloatsWithTheLiteralRoundedToTheirType() {
    assertThat(RowFilter.parse("r = 0.1").matches(Map.of("r", 0.1f))).isTrue();
    assertThat(RowFilter.parse("r = 0.1").matches(Map.of("r", 0.1d))).isTrue();
    assertThat(RowFilter.parse("r > 0.1").matches(Map.of("r", 0.1000001d))).isTrue();
    assertThat(RowFilter.parse("r = 0").matches(Map.of("r", -0.0d))).isTrue();
    assertThat(RowFilter.parse("r < 0").matches(Map.of("r", Double.NEGATIVE_INFINITY))).isTrue();
  }

  @Test
  void notANumberEqualsNothingAndHasNoOrder() {
    Map<String, Object> row = Map.of("r", Double.NaN);

    assertThat(RowFilter.parse("r = 1").matches(row)).isFalse();
    assertThat(RowFilter.parse("r <> 1").matches(row)).isTrue();
    assertThat(RowFilter.parse("r < 1").matches(row)).isFalse();
    assertThat(RowFilter.parse("r >= 1").matches(row)).isFalse();
    assertThat(RowFilter.parse("r BETWEEN 0 AND 1").matches(row)).isFalse();
    assertThat(RowFilter.parse("r NOT BETWEEN 0 AND 1").matches(row)).isTrue();
    assertThat(RowFilter.parse("r IN (1, 2)").matches(row)).isFalse();
  }

  @Test
  void comparesStringsByCodePointAsTrinoDoes() {
    // UTF-16 puts the surrogate pair of U+1F600 before U+FFFF; UTF-8 byte order puts it after.
    assertThat(RowFilter.parse("s > '\uFFFF'").matches(Map.of("s", "😀"))).isTrue();
    assertThat(RowFilter.parse("s < 'b'").matches(Map.of("s", "abc"))).isTrue();
    assertThat(RowFilter.parse("s < 'ab'").matches(Map.of("s", "a"))).isTrue();
    assertThat(RowFilter.parse("s = 'A'").matches(Map.of("s", "a"))).isFalse();
    assertThat(RowFilter.parse("s BETWEEN 'a' AND 'c'").matches(Map.of("s", "c"))).isTrue();
  }

  @Test
  void comparesBooleansDatesAndTimestamps() {
    assertThat(RowFilter.parse("f = TRUE").matches(Map.of("f", true))).isTrue();
    assertThat(RowFilter.parse("f <> TRUE").matches(Map.of("f", true))).isFalse();
    assertThat(
            RowFilter.parse("d BETWEEN DATE '2024-01-01' AND DATE '2024-01-31'")
                .matches(Map.of("d", LocalDate.of(2024, 1, 31))))
        .isTrue();
    assertThat(
            RowFilter.parse("d > DATE '2024-01-31'")
                .matches(Map.of("d", LocalDate.of(2024, 1, 31))))
        .isFalse();
    assertThat(
            RowFilter.parse("t >= TIMESTAMP '2024-01-31 10:00:00.000001'")
                .matches(Map.of("t", LocalDateTime.of(2024, 1, 31, 10, 0))))
        .isFalse();
    assertThat(
            RowFilter.parse("t < TIMESTAMP '2024-01-31 10:00:00.5'")
                .matches(Map.of("t", LocalDateTime.of(2024, 1, 31, 10, 0))))
        .isTrue();
  }

  @Test
  void inAndBetweenIncludeTheirEnds() {
    assertThat(RowFilter.parse("q IN (1, 2, 3)").matches(Map.of("q", 3))).isTrue();
    assertThat(RowFilter.parse("q IN (1, 2, 3)").matches(Map.of("q", 4))).isFalse();
    assertThat(RowFilter.parse("q NOT IN (1, 2, 3)").matches(Map.of("q", 4))).isTrue();
    assertThat(RowFilter.parse("q BETWEEN 1 AND 3").matches(Map.of("q", 1))).isTrue();
    assertThat(RowFilter.parse("q BETWEEN 1 AND 3").matches(Map.of("q", 3))).isTrue();
    assertThat(RowFilter.parse("q BETWEEN 3 AND 1").matches(Map.of("q", 2))).isFalse();
    assertThat(RowFilter.parse("q NOT BETWEEN 1 AND 3").matches(Map.of("q", 0))).isTrue();
  }

  @Test
  void refusesRowsThatCannotBeAnswered() {
    assertThatThrownBy(() -> RowFilter.parse("missing = 1").matches(Map.of("a", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the row has no column 'missing'");
    assertThatThrownBy(() -> RowFilter.parse("a = 1").matches(Map.of("a", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "column 'a' holds a value of type String that cannot be compared with the integer 1");
    assertThatThrownBy(() -> RowFilter.parse("a LIKE '1%'").matches(Map.of("a", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "column 'a' holds a value of type Integer that cannot be compared with a LIKE pattern");
  }
}
