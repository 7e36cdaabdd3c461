package io.tributary.lakehouse.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclaredTypeTest {

  @Test
  void readsTheGrammarAndNamesTheTrinoType() {
    assertThat(DeclaredType.parse("long").trinoType()).isEqualTo("BIGINT");
    assertThat(DeclaredType.parse("timestamptz").trinoType())
        .isEqualTo("TIMESTAMP(6) WITH TIME ZONE");
    assertThat(DeclaredType.parse(" decimal( 12 , 2 ) "))
        .isEqualTo(new DeclaredType.Decimal(12, 2));
    assertThat(
            DeclaredType.parse("list<struct<sku:string,quantity:int,unit_price:decimal(10,2)>>")
                .trinoType())
        .isEqualTo(
            "ARRAY(ROW(\"sku\" VARCHAR, \"quantity\" INTEGER, \"unit_price\" DECIMAL(10,2)))");
    assertThat(DeclaredType.parse("map<string, list<long>>").trinoType())
        .isEqualTo("MAP(VARCHAR, ARRAY(BIGINT))");
    assertThat(DeclaredType.parse("struct<type:string,os:string>"))
        .hasToString("struct<type:string,os:string>");
  }

  @Test
  void badTypesAreNamed() {
    assertThatThrownBy(() -> DeclaredType.parse("strng"))
        .hasMessage("'strng' is not a column type: unknown type 'strng' at position 6");
    assertThatThrownBy(() -> DeclaredType.parse("list<int")).hasMessageContaining("expected '>'");
    assertThatThrownBy(() -> DeclaredType.parse("decimal(40,2)")).hasMessageContaining("precision");
  }

  @Test
  void literalsEscapeQuotesAndCastNestedValues() {
    assertThat(DeclaredType.parse("string").literal("O'Brien")).isEqualTo("'O''Brien'");
    assertThat(DeclaredType.parse("string").literal(null)).isEqualTo("NULL");
    assertThat(DeclaredType.parse("decimal(12,2)").literal(new BigDecimal("19.9")))
        .isEqualTo("DECIMAL '19.90'");
    assertThat(DeclaredType.parse("timestamptz").literal(Instant.parse("2026-01-02T03:04:05.678Z")))
        .isEqualTo("TIMESTAMP '2026-01-02 03:04:05.678000 UTC'");
    assertThat(DeclaredType.parse("date").literal(LocalDate.of(2026, 1, 2)))
        .isEqualTo("DATE '2026-01-02'");
    assertThat(DeclaredType.parse("boolean").literal(true)).isEqualTo("TRUE");

    Map<String, Object> line = new LinkedHashMap<>();
    line.put("sku", "HOM-0042");
    line.put("quantity", 2);
    line.put("unit_price", new BigDecimal("9.99"));
    assertThat(
            DeclaredType.parse("list<struct<sku:string,quantity:int,unit_price:decimal(10,2)>>")
                .literal(List.of(line)))
        .isEqualTo(
            "CAST(ARRAY[ROW('HOM-0042', 2, DECIMAL '9.99')] AS"
                + " ARRAY(ROW(\"sku\" VARCHAR, \"quantity\" INTEGER, \"unit_price\" DECIMAL(10,2))))");
    assertThat(DeclaredType.parse("map<string,string>").literal(Map.of("q", "it's")))
        .isEqualTo("CAST(MAP(ARRAY['q'], ARRAY['it''s']) AS MAP(VARCHAR, VARCHAR))");
    assertThat(DeclaredType.parse("map<string,string>").literal(Map.of()))
        .isEqualTo("CAST(MAP() AS MAP(VARCHAR, VARCHAR))");
    assertThat(DeclaredType.identifier("we\"ird")).isEqualTo("\"we\"\"ird\"");
  }

  @Test
  void acceptsOnlyValuesThatFit() {
    DeclaredType amount = DeclaredType.parse("decimal(4,2)");
    assertThat(amount.accepts(new BigDecimal("12.34"))).isTrue();
    assertThat(amount.accepts(new BigDecimal("12.30000"))).isTrue();
    assertThat(amount.accepts(new BigDecimal("123.4"))).isFalse();
    assertThat(amount.accepts(new BigDecimal("1.234"))).isFalse();
    assertThat(amount.accepts(12.34)).isFalse();
    assertThat(DeclaredType.parse("long").accepts(3)).isTrue();
    assertThat(DeclaredType.parse("int").accepts(3L)).isFalse();
    assertThat(DeclaredType.parse("struct<a:int>").accepts(Map.of("b", 1))).isFalse();
    assertThat(DeclaredType.parse("list<string>").accepts(List.of("a", 1))).isFalse();
    assertThatThrownBy(() -> DeclaredType.parse("int").literal("one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a String value 'one' is not a int");
  }
}
