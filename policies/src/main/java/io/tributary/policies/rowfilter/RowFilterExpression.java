package io.tributary.policies.rowfilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The syntax tree of a row filter: immutable, compared by value, and free of source positions so
 * that two spellings of the same filter are equal.
 */
public sealed interface RowFilterExpression
    permits RowFilterExpression.And,
        RowFilterExpression.Or,
        RowFilterExpression.Not,
        RowFilterExpression.Comparison,
        RowFilterExpression.In,
        RowFilterExpression.Between,
        RowFilterExpression.Like,
        RowFilterExpression.IsNull {

  /**
   * A column of the filtered table. Unquoted names are lower-cased by the parser; a double-quoted
   * name is kept exactly as written.
   */
  record Column(String name) {
    public Column {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("a column name cannot be empty");
      }
    }
  }

  /**
   * Every operand must hold. Nested conjunctions are flattened on construction, so {@code (a AND b)
   * AND c} and {@code a AND (b AND c)} are the same tree, and a long chain stays one level deep
   * instead of growing the stack of every recursive walk.
   */
  record And(List<RowFilterExpression> operands) implements RowFilterExpression {
    public And {
      operands = flatten(operands, And.class);
    }

    public And(RowFilterExpression... operands) {
      this(List.of(operands));
    }
  }

  /** At least one operand must hold; flattened like {@link And}. */
  record Or(List<RowFilterExpression> operands) implements RowFilterExpression {
    public Or {
      operands = flatten(operands, Or.class);
    }

    public Or(RowFilterExpression... operands) {
      this(List.of(operands));
    }
  }

  /** The operand must not hold (and NOT of unknown stays unknown). */
  record Not(RowFilterExpression operand) implements RowFilterExpression {
    public Not {
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** {@code column op literal}. */
  record Comparison(Column column, ComparisonOperator operator, Literal literal)
      implements RowFilterExpression {
    public Comparison {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(literal, "literal");
    }
  }

  /** {@code column [NOT] IN (literal, ...)}, with at least one literal. */
  record In(Column column, List<Literal> literals, boolean negated) implements RowFilterExpression {
    public In {
      Objects.requireNonNull(column, "column");
      literals = List.copyOf(literals);
      if (literals.isEmpty()) {
        throw new IllegalArgumentException("IN needs at least one literal");
      }
    }
  }

  /** {@code column [NOT] BETWEEN lower AND upper}, both bounds included. */
  record Between(Column column, Literal lower, Literal upper, boolean negated)
      implements RowFilterExpression {
    public Between {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(lower, "lower");
      Objects.requireNonNull(upper, "upper");
    }
  }

  /**
   * {@code column [NOT] LIKE 'pattern'}: {@code %} matches any run of characters, {@code _} one.
   */
  record Like(Column column, String pattern, boolean negated) implements RowFilterExpression {
    public Like {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(pattern, "pattern");
    }
  }

  /** {@code column IS [NOT] NULL}. */
  record IsNull(Column column, boolean negated) implements RowFilterExpression {
    public IsNull {
      Objects.requireNonNull(column, "column");
    }
  }

  private static List<RowFilterExpression> flatten(
      List<RowFilterExpression> operands, Class<? extends RowFilterExpression> connective) {
    List<RowFilterExpression> flattened = new ArrayList<>();
    for (RowFilterExpression operand : operands) {
      Objects.requireNonNull(operand, "operand");
      if (operand instanceof And and && connective == And.class) {
        flattened.addAll(and.operands());
      } else if (operand instanceof Or or && connective == Or.class) {
        flattened.addAll(or.operands());
      } else {
        flattened.add(operand);
      }
    }
    if (flattened.size() < 2) {
      throw new IllegalArgumentException(
          connective.getSimpleName() + " needs at least two operands: " + operands);
    }
    return List.copyOf(flattened);
  }
}
