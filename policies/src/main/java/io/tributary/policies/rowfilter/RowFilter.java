package io.tributary.policies.rowfilter;

import io.tributary.policies.rowfilter.RowFilterExpression.And;
import io.tributary.policies.rowfilter.RowFilterExpression.Between;
import io.tributary.policies.rowfilter.RowFilterExpression.Column;
import io.tributary.policies.rowfilter.RowFilterExpression.Comparison;
import io.tributary.policies.rowfilter.RowFilterExpression.In;
import io.tributary.policies.rowfilter.RowFilterExpression.IsNull;
import io.tributary.policies.rowfilter.RowFilterExpression.Like;
import io.tributary.policies.rowfilter.RowFilterExpression.Not;
import io.tributary.policies.rowfilter.RowFilterExpression.Or;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A row filter in the portable language both Trino and Lake Formation accept: {@code column op
 * literal} conditions joined by AND, OR, NOT and parentheses (DESIGN section 5). Parse it once,
 * check it against the table, then render it for an engine or evaluate it on a row.
 *
 * <pre>{@code
 * RowFilter filter = RowFilter.parse("region IN ('eu', 'uk') AND amount >= 100");
 * filter.requireValid(Map.of("region", ColumnKind.STRING, "amount", ColumnKind.DECIMAL));
 * filter.toSqlText();        // "region" IN ('eu', 'uk') AND "amount" >= 100
 * filter.toTrinoSql(...);    // ("region" IN (?, ?) AND "amount" >= ?) with [eu, uk, 100]
 * }</pre>
 *
 * <p>Two filters are equal when their trees are, whatever their spelling.
 */
public final class RowFilter {
  private final RowFilterExpression expression;
  private final Map<Object, Integer> positions;

  private RowFilter(RowFilterExpression expression, Map<Object, Integer> positions) {
    this.expression = expression;
    this.positions = positions;
  }

  /**
   * Reads a filter.
   *
   * @throws RowFilterException at the first thing that is not in the language, with its position
   */
  public static RowFilter parse(String text) {
    Objects.requireNonNull(text, "text");
    Parser.Result result = Parser.parse(text);
    return new RowFilter(result.expression(), result.positions());
  }

  /**
   * The filter of a tree built in code. It is read back from its canonical text, so problems found
   * by {@link #check} point into {@link #toSqlText()}.
   */
  public static RowFilter of(RowFilterExpression expression) {
    return parse(SqlWriter.canonicalText(expression));
  }

  public RowFilterExpression expression() {
    return expression;
  }

  /** The names of the columns the filter reads, sorted. */
  public Set<String> columns() {
    Set<String> names = new TreeSet<>();
    collectColumns(expression, names);
    return names;
  }

  /**
   * Every problem with applying this filter to a table with these columns: unknown columns,
   * literals of another type than their column, LIKE on a column that is not a string, ordering on
   * booleans, and comparisons on columns of {@link ColumnKind#OTHER}. Empty when the filter fits.
   *
   * @param columns the table's columns by name, as the filter spells them
   */
  public List<RowFilterProblem> check(Map<String, ColumnKind> columns) {
    return TypeChecker.check(expression, columns, positions);
  }

  /**
   * This filter, if it fits a table with these columns.
   *
   * @throws RowFilterException listing every problem {@link #check} finds
   */
  public RowFilter requireValid(Map<String, ColumnKind> columns) {
    List<RowFilterProblem> problems = check(columns);
    if (!problems.isEmpty()) {
      throw new RowFilterException(problems);
    }
    return this;
  }

  /**
   * The filter as a parenthesized SQL condition with a {@code ?} for each literal, and the values
   * to bind to them, for a prepared statement.
   *
   * @param quoteIdentifier turns a column name into SQL; it may also qualify it, as in {@code
   *     t."region"}
   */
  public ParameterizedSql toTrinoSql(Function<String, String> quoteIdentifier) {
    return SqlWriter.parameterized(expression, quoteIdentifier);
  }

  /** {@link #toTrinoSql(Function)} with column names in double quotes. */
  public ParameterizedSql toTrinoSql() {
    return toTrinoSql(SqlWriter::quoteIdentifier);
  }

  /**
   * The canonical text: every column double-quoted, every literal written out with its type ({@code
   * DATE '2024-01-31'}), keywords upper case, and parentheses wherever precedence could be misread.
   * It is what a Trino access-control {@code filter} rule and a Lake Formation data cells filter's
   * {@code FilterExpression} take, and it parses back into an equal filter.
   */
  public String toSqlText() {
    return SqlWriter.canonicalText(expression);
  }

  /** The filter's truth on a row: TRUE, FALSE, or UNKNOWN when a NULL decides it. */
  public TruthValue evaluate(Map<String, ?> row) {
    return ReferenceEvaluator.evaluate(expression, row);
  }

  /**
   * Whether an engine applying this filter keeps the row: only when the filter is TRUE, never when
   * it is UNKNOWN.
   *
   * @param row every column the filter reads, by name; a null value is SQL NULL
   * @throws IllegalArgumentException when the row lacks a column or holds a value of another type
   */
  public boolean matches(Map<String, ?> row) {
    return evaluate(row) == TruthValue.TRUE;
  }

  private static void collectColumns(RowFilterExpression expression, Set<String> names) {
    switch (expression) {
      case And and -> and.operands().forEach(operand -> collectColumns(operand, names));
      case Or or -> or.operands().forEach(operand -> collectColumns(operand, names));
      case Not not -> collectColumns(not.operand(), names);
      case Comparison comparison -> add(comparison.column(), names);
      case In in -> add(in.column(), names);
      case Between between -> add(between.column(), names);
      case Like like -> add(like.column(), names);
      case IsNull isNull -> add(isNull.column(), names);
    }
  }

  private static void add(Column column, Set<String> names) {
    names.add(column.name());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RowFilter filter && expression.equals(filter.expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }

  @Override
  public String toString() {
    return toSqlText();
  }
}
