package io.tributary.policies.rowfilter;

import io.tributary.policies.rowfilter.Literal.BooleanLiteral;
import io.tributary.policies.rowfilter.Literal.DateLiteral;
import io.tributary.policies.rowfilter.Literal.DecimalLiteral;
import io.tributary.policies.rowfilter.Literal.IntegerLiteral;
import io.tributary.policies.rowfilter.Literal.StringLiteral;
import io.tributary.policies.rowfilter.Literal.TimestampLiteral;
import io.tributary.policies.rowfilter.RowFilterExpression.And;
import io.tributary.policies.rowfilter.RowFilterExpression.Between;
import io.tributary.policies.rowfilter.RowFilterExpression.Column;
import io.tributary.policies.rowfilter.RowFilterExpression.Comparison;
import io.tributary.policies.rowfilter.RowFilterExpression.In;
import io.tributary.policies.rowfilter.RowFilterExpression.IsNull;
import io.tributary.policies.rowfilter.RowFilterExpression.Like;
import io.tributary.policies.rowfilter.RowFilterExpression.Not;
import io.tributary.policies.rowfilter.RowFilterExpression.Or;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a parsed filter against the columns of the table it will filter. Both engines refuse a
 * literal of the wrong type (Lake Formation: "the column value must match the data type of the
 * column"), so the problem is caught here, at declaration time, rather than at query time.
 */
final class TypeChecker {
  private final Map<String, ColumnKind> columns;
  private final Map<Object, Integer> positions;
  private final List<RowFilterProblem> problems = new ArrayList<>();

  private TypeChecker(Map<String, ColumnKind> columns, Map<Object, Integer> positions) {
    this.columns = columns;
    this.positions = positions;
  }

  static List<RowFilterProblem> check(
      RowFilterExpression expression,
      Map<String, ColumnKind> columns,
      Map<Object, Integer> positions) {
    TypeChecker checker = new TypeChecker(columns, positions);
    checker.visit(expression);
    return List.copyOf(checker.problems);
  }

  private void visit(RowFilterExpression expression) {
    switch (expression) {
      case And and -> and.operands().forEach(this::visit);
      case Or or -> or.operands().forEach(this::visit);
      case Not not -> visit(not.operand());
      case Comparison comparison -> {
        ColumnKind kind = comparableKind(comparison.column(), comparison);
        if (kind != null) {
          if (kind == ColumnKind.BOOLEAN && comparison.operator().isOrdering()) {
            report(
                comparison,
                "booleans have no order: use = or <> on column '%s'",
                comparison.column().name());
          }
          requireMatchingLiteral(comparison.column(), kind, comparison.literal());
        }
      }
      case In in -> {
        ColumnKind kind = comparableKind(in.column(), in);
        if (kind != null) {
          in.literals().forEach(literal -> requireMatchingLiteral(in.column(), kind, literal));
        }
      }
      case Between between -> {
        ColumnKind kind = comparableKind(between.column(), between);
        if (kind == ColumnKind.BOOLEAN) {
          report(
              between,
              "booleans have no order: BETWEEN does not apply to column '%s'",
              between.column().name());
        } else if (kind != null) {
          requireMatchingLiteral(between.column(), kind, between.lower());
          requireMatchingLiteral(between.column(), kind, between.upper());
        }
      }
      case Like like -> {
        ColumnKind kind = knownKind(like.column());
        if (kind != null && kind != ColumnKind.STRING) {
          report(
              like, "LIKE needs a string column but column '%s' is %s", like.column().name(), kind);
        }
      }
      case IsNull isNull -> knownKind(isNull.column());
    }
  }

  /** The column's kind if it exists and can be compared with a literal; null after a problem. */
  private ColumnKind comparableKind(Column column, RowFilterExpression predicate) {
    ColumnKind kind = knownKind(column);
    if (kind == ColumnKind.OTHER) {
      report(
          predicate,
          "column '%s' has a type no filter can compare; only IS NULL and IS NOT NULL apply to it",
          column.name());
      return null;
    }
    return kind;
  }

  private ColumnKind knownKind(Column column) {
    ColumnKind kind = columns.get(column.name());
    if (kind == null) {
      report(column, "unknown column '%s'", column.name());
    }
    return kind;
  }

  private void requireMatchingLiteral(Column column, ColumnKind kind, Literal literal) {
    boolean matches =
        switch (literal) {
          case IntegerLiteral ignored -> kind.isNumeric();
          case DecimalLiteral ignored -> kind.isNumeric();
          case StringLiteral ignored -> kind == ColumnKind.STRING;
          case BooleanLiteral ignored -> kind == ColumnKind.BOOLEAN;
          case DateLiteral ignored -> kind == ColumnKind.DATE;
          case TimestampLiteral ignored -> kind == ColumnKind.TIMESTAMP;
        };
    if (!matches) {
      report(
          literal,
          "column '%s' is %s and cannot be compared with the %s %s",
          column.name(),
          kind,
          literal.kindName(),
          SqlWriter.literalText(literal));
    }
  }

  private void report(Object node, String template, Object... arguments) {
    // Trees built in code rather than parsed have no positions; 0 says "somewhere".
    int position = positions.getOrDefault(node, 0);
    problems.add(new RowFilterProblem(position, template.formatted(arguments)));
  }
}
